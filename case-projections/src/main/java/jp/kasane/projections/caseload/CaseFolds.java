package jp.kasane.projections.caseload;

import jp.kasane.core.supportcase.CaseState;
import jp.kasane.core.supportcase.RecentCases;
import jp.kasane.core.supportcase.events.CaseEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The case states the caseload asks the disclosure policy about: each case folded by {@link CaseState} exactly as the
 * aggregate folds it, kept for the most recently seen cases. An event that follows the cached state is applied to
 * it; anything else (the first event seen of a case after a restart, a re-delivery after a rolled-back batch, a
 * replay) folds the case again from its stored events up to that event's sequence, so the state is always the
 * case as it stood right after the event being handled.
 * <p>
 * The cases are kept by recency ({@link RecentCases}, which says why not by frequency), at most
 * {@code kasane.projections.case-fold-cache} of them and {@code kasane.projections.case-fold-events} events' worth. A
 * case not kept costs a database round trip on the caseload's thread (docs/benchmarks.md).
 */
@Component
public class CaseFolds {

    private final EventStore eventStore;
    private final RecentCases<CaseState> recent;

    public CaseFolds(EventStore eventStore, @Value("${kasane.projections.case-fold-cache:10000}") int capacity,
                     @Value("${kasane.projections.case-fold-events:100000}") long events) {
        this.eventStore = eventStore;
        this.recent = new RecentCases<>(capacity, events);
    }

    /** The case as it stands right after {@code event}, its {@code sequence}-th event. */
    public CaseState after(CaseEvent event, long sequence) {
        String caseId = event.caseId();
        RecentCases.Kept<CaseState> cached = recent.take(caseId);
        CaseState state;
        if (sequence == 0) {
            state = new CaseState();
            state.apply(event);
        } else if (cached != null && cached.sequence() == sequence - 1) {
            state = cached.value();
            state.apply(event);
        } else {
            state = fold(caseId, sequence);
        }
        recent.keep(caseId, state, sequence);
        return state;
    }

    private CaseState fold(String caseId, long upTo) {
        CaseState state = new CaseState();
        // From sequence 0: the events themselves, never a snapshot.
        DomainEventStream stream = eventStore.readEvents(caseId, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (message.getSequenceNumber() > upTo) {
                break;
            }
            if (message.getPayload() instanceof CaseEvent e) {
                state.apply(e);
            }
        }
        return state;
    }
}
