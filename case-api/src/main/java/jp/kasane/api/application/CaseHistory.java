package jp.kasane.api.application;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jp.kasane.core.supportcase.CaseState;
import jp.kasane.core.supportcase.events.CaseEvent;
import jp.kasane.core.supportcase.events.CaseOpened;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/** Reads a case's own stream from the event store and folds it: the case as it stands, never a projection. */
@Component
public class CaseHistory {

    /** Principals remembered; a few MB at most. */
    private static final int PRINCIPALS_KEPT = 10_000;

    private final EventStore eventStore;
    /** The person a case is about is fixed when it is opened, so a principal once read stays true. */
    private final Cache<String, String> principals = Caffeine.newBuilder().maximumSize(PRINCIPALS_KEPT).build();

    public CaseHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** The case now, or empty when no such case exists. */
    public Optional<CaseState> load(String caseId) {
        return load(caseId, null);
    }

    /**
     * The person a case is about (its SELF member), or empty when no such case exists. The household is fixed when
     * the case is opened, so this reads the first event only, not the whole stream, and only once per case while
     * the case is among the most recently asked.
     */
    public Optional<String> principalOf(String caseId) {
        String known = principals.getIfPresent(caseId);
        if (known != null) {
            return Optional.of(known);
        }
        DomainEventStream stream = eventStore.readEvents(caseId, 0);
        if (!stream.hasNext() || !(stream.next().getPayload() instanceof CaseOpened opened)) {
            return Optional.empty();
        }
        CaseState state = new CaseState();
        state.apply(opened);
        principals.put(caseId, state.principalPersonId());
        return Optional.of(state.principalPersonId());
    }

    /**
     * A case this node opens: its principal is remembered once the opening commits, so the case's first writes (a
     * consultation sealed under the principal's key) need not read the case's stream for it (docs/benchmarks.md).
     * An opening that rolls back leaves nothing remembered.
     */
    public void opening(String caseId, String principal) {
        Transactions.afterCommit(() -> principals.put(caseId, principal));
    }

    /** The case as the system knew it at {@code recordedBy} (null: now). */
    public Optional<CaseState> load(String caseId, Instant recordedBy) {
        CaseState state = new CaseState();
        // From sequence 0: the events themselves, never a snapshot (a snapshot is a cache for the aggregate only).
        DomainEventStream stream = eventStore.readEvents(caseId, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (recordedBy != null && message.getTimestamp().isAfter(recordedBy)) {
                break;
            }
            if (message.getPayload() instanceof CaseEvent event) {
                state.apply(event);
            } else {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(state.caseId()).map(id -> state);
    }
}
