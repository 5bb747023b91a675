package jp.kasane.api.application;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
 * Bounded twice: in cases ({@code kasane.cases.cache-size}) and in the events they were built from
 * ({@code kasane.cases.cache-events}), since a kept case's memory grows with its history (each consultation's sealed
 * text stays in the case: ~800 bytes per event measured, docs/benchmarks.md), so that a node keeps many short cases or
 * fewer long ones in about the same heap; 0 in either keeps nothing. The least recently used case goes first: a case
 * goes back into the cache after every write, and a case just opened is written again moments later (its consent, a
 * referral). A frequency-based cache (Caffeine's TinyLFU, used here before) refused such a case while full of busier
 * ones, so its next write loaded it from the store again (LoadedCasesTest).
 */
@Component
public class LoadedCases implements Cache {

    private record Entry(Object aggregate, long version) {
        /** The events the case was built from: its sequence numbers run from 0. */
        long events() {
            return version + 1;
        }
    }

    private final int maxEntries;
    private final long maxEvents;
    /** Least recently used first; guarded by its own monitor, as is {@link #keptEvents}. */
    private final LinkedHashMap<Object, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long keptEvents;

    public LoadedCases(@Value("${kasane.cases.cache-size:1000}") int maxEntries,
                       @Value("${kasane.cases.cache-events:100000}") long maxEvents) {
        if (maxEntries < 0 || maxEvents < 0) {
            throw new IllegalArgumentException("kasane.cases.cache-size and cache-events must not be negative");
        }
        this.maxEntries = maxEntries;
        this.maxEvents = maxEvents;
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
        Entry entry = take(key);
        return entry != null && entry.version() == stored ? (V) entry.aggregate() : null;
    }

    /** Axon hands the saved case here; it enters the cache when (and if) the request's transaction commits. */
    @Override
    public void put(Object key, Object value) {
        if (maxEntries > 0 && maxEvents > 0) {
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
        return take(key) != null;
    }

    @Override
    public void removeAll() {
        synchronized (entries) {
            entries.clear();
            keptEvents = 0;
        }
    }

    @Override
    public boolean containsKey(Object key) {
        synchronized (entries) {
            return entries.containsKey(key);
        }
    }

    /** How many events the kept cases were built from, together (for tests and metrics). */
    long keptEvents() {
        synchronized (entries) {
            return keptEvents;
        }
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
                keep(key, new Entry(aggregate, version));
            }
        });
    }

    private Entry take(Object key) {
        synchronized (entries) {
            Entry entry = entries.remove(key);
            if (entry != null) {
                keptEvents -= entry.events();
            }
            return entry;
        }
    }

    private void keep(Object key, Entry entry) {
        synchronized (entries) {
            Entry old = entries.get(key);
            // A request that committed later may already have put a newer version: keep the newest.
            if (old != null && old.version() > entry.version()) {
                return;
            }
            if (entry.events() > maxEvents) {
                // Longer than all the kept cases may be together: kept, it would push every other case out.
                take(key);
                return;
            }
            entries.put(key, entry);
            keptEvents += entry.events() - (old == null ? 0 : old.events());
            Iterator<Entry> eldest = entries.values().iterator();
            while (entries.size() > maxEntries || keptEvents > maxEvents) {
                keptEvents -= eldest.next().events();
                eldest.remove();
            }
        }
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
