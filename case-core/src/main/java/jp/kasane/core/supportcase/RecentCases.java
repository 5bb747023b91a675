package jp.kasane.core.supportcase;

import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Cases kept in memory by recency, each as folded up to a sequence number: the command side's kept aggregates and the
 * caseload's folded states are both this. Bounded twice, in cases and in the events they were folded from, because a
 * case's memory grows with its history (every consultation's sealed text stays in its state): a node keeps many short
 * cases or fewer long ones in about the same heap. The least recently used case goes first; a case longer than the
 * whole budget is not kept, since it would push every other one out.
 *
 * <p>Recency, not frequency: a case's next event comes moments after its last (a consent after the opening), and a
 * frequency-based cache (Caffeine's TinyLFU, tried) refused new cases while full of busier ones (docs/benchmarks.md).
 * Thread-safe: one lock, held for a map operation only.
 *
 * @param <V> what is kept of a case
 */
public final class RecentCases<V> {

    /** A case as kept: its value folded up to {@code sequence}, its last event's sequence number. */
    public record Kept<V>(V value, long sequence) {
        /** The events it was folded from: sequence numbers run from 0. */
        long events() {
            return sequence + 1;
        }
    }

    private final int maxCases;
    private final long maxEvents;
    private final LinkedHashMap<String, Kept<V>> kept = new LinkedHashMap<>(16, 0.75f, true);
    private long keptEvents;

    public RecentCases(int maxCases, long maxEvents) {
        if (maxCases < 0 || maxEvents < 0) {
            throw new IllegalArgumentException("the cases and events kept must not be negative");
        }
        this.maxCases = maxCases;
        this.maxEvents = maxEvents;
    }

    /** Whether anything is kept at all (both bounds above 0). */
    public boolean keepsAny() {
        return maxCases > 0 && maxEvents > 0;
    }

    /** The case as kept, taken out (null if not kept): a caller that folds it further keeps it again. */
    public synchronized Kept<V> take(String caseId) {
        Kept<V> taken = kept.remove(caseId);
        if (taken != null) {
            keptEvents -= taken.events();
        }
        return taken;
    }

    /** Keeps the case as folded up to {@code sequence}, unless it is kept at a later sequence already. */
    public synchronized void keep(String caseId, V value, long sequence) {
        Kept<V> old = kept.get(caseId);
        if (old != null && old.sequence() > sequence) {
            return;
        }
        Kept<V> now = new Kept<>(value, sequence);
        if (now.events() > maxEvents || maxCases == 0) {
            take(caseId);
            return;
        }
        kept.put(caseId, now);
        keptEvents += now.events() - (old == null ? 0 : old.events());
        Iterator<Kept<V>> eldest = kept.values().iterator();
        while (kept.size() > maxCases || keptEvents > maxEvents) {
            keptEvents -= eldest.next().events();
            eldest.remove();
        }
    }

    public synchronized boolean contains(String caseId) {
        return kept.containsKey(caseId);
    }

    public synchronized void clear() {
        kept.clear();
        keptEvents = 0;
    }

    /** How many cases are kept. */
    public synchronized int size() {
        return kept.size();
    }

    /** How many events the kept cases were folded from, together. */
    public synchronized long events() {
        return keptEvents;
    }
}
