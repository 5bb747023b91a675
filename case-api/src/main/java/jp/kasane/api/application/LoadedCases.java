package jp.kasane.api.application;

import jp.kasane.core.supportcase.RecentCases;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cases this node loaded lately, kept between requests so that a request does not read and deserialize a case's
 * events again (Axon's cache for the {@code SupportCase} repository). The events stay the only truth; an entry is
 * only a shortcut, used under three conditions that make it exactly what the event store would give:
 * <ul>
 *     <li><b>current</b>: {@link CaseLocks} reads the case's last stored sequence number right after taking its lock
 *     (another node may have written since); an entry of any other version is dropped, and the case is loaded from
 *     its events;</li>
 *     <li><b>committed</b>: a request's case goes back into the cache only after its database transaction commits,
 *     at the version it committed; a request that rolls back leaves nothing behind;</li>
 *     <li><b>one request at a time</b>: a request takes its case out of the cache, so two requests (two reads hold
 *     the same shared lock) never share one mutable aggregate.</li>
 * </ul>
 * Bounded in cases ({@code kasane.cases.cache-size}) and in the events they were built from
 * ({@code kasane.cases.cache-events}), least recently used first ({@link RecentCases}); 0 in either keeps nothing.
 * A case goes back into the cache after every write, and a case just opened is written again moments later (its
 * consent, a referral): a frequency-based cache refused such a case while full of busier ones (LoadedCasesTest).
 */
@Component
public class LoadedCases implements Cache {

    private final RecentCases<Object> kept;

    public LoadedCases(@Value("${kasane.cases.cache-size:1000}") int maxCases,
                       @Value("${kasane.cases.cache-events:100000}") long maxEvents) {
        this.kept = new RecentCases<>(maxCases, maxEvents);
    }

    /** Called by {@link CaseLocks} once it holds a case's lock: the last sequence number stored, -1 for none. */
    void locked(String caseId, long storedVersion) {
        inTransaction().ifPresent(t -> t.lockedAt.put(caseId, storedVersion));
    }

    /** Every event this node appends passes here (a dispatch interceptor): the version a commit will leave. */
    public void appending(List<? extends EventMessage<?>> events) {
        inTransaction().ifPresent(t -> events.forEach(e -> {
            if (e instanceof DomainEventMessage<?> d) {
                t.appended.merge(d.getAggregateIdentifier(), d.getSequenceNumber(), Math::max);
            }
        }));
    }

    /** The case as this node committed it, if that is still its stored version; taken out until this request commits. */
    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Long stored = inTransaction().map(t -> t.lockedAt.get(key)).orElse(null);
        if (stored == null) {
            return null;
        }
        RecentCases.Kept<Object> entry = kept.take(key.toString());
        return entry != null && entry.sequence() == stored ? (V) entry.value() : null;
    }

    /** Axon hands the saved case here; it enters the cache when (and if) the request's transaction commits. */
    @Override
    public void put(Object key, Object value) {
        if (kept.keepsAny()) {
            inTransaction().ifPresent(t -> t.saved.put(key, value));
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        put(key, value);
        return true;
    }

    @Override
    public boolean remove(Object key) {
        inTransaction().ifPresent(t -> t.saved.remove(key));
        return kept.take(key.toString()) != null;
    }

    @Override
    public void removeAll() {
        kept.clear();
    }

    @Override
    public boolean containsKey(Object key) {
        return kept.contains(key.toString());
    }

    /** How many events the kept cases were built from, together (for tests). */
    long keptEvents() {
        return kept.events();
    }

    /** Nothing here listens to entries; Axon's repository does not register listeners. */
    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("LoadedCases has no entry listeners");
    }

    /** This transaction's record, begun on first use; empty outside a transaction (nothing is then cached). */
    private Optional<InTransaction> inTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return Optional.empty();
        }
        InTransaction t = (InTransaction) TransactionSynchronizationManager.getResource(this);
        if (t == null) {
            t = new InTransaction();
            TransactionSynchronizationManager.bindResource(this, t);
            TransactionSynchronizationManager.registerSynchronization(t);
        }
        return Optional.of(t);
    }

    private void committed(InTransaction t) {
        t.saved.forEach((key, aggregate) -> {
            Long version = t.appended.getOrDefault(key, t.lockedAt.get(key));
            if (version != null) {
                // A request that committed later may already have kept a newer version: the newest stays.
                kept.keep(key.toString(), aggregate, version);
            }
        });
    }

    /** What one database transaction learned of its cases: bound to it, gone when it ends. */
    private final class InTransaction implements TransactionSynchronization {
        private final Map<Object, Long> lockedAt = new HashMap<>();
        private final Map<Object, Long> appended = new HashMap<>();
        private final Map<Object, Object> saved = new HashMap<>();

        @Override
        public void afterCommit() {
            committed(this);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(LoadedCases.this);
        }
    }
}
