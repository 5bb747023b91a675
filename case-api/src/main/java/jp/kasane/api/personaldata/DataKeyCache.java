package jp.kasane.api.personaldata;

import javax.crypto.SecretKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Unwrapped data keys of recently used subjects, so that opening a case view does not cost a database round trip
 * per person. Bounded in size (least recently used entries go first) and in time: an entry is used for at most
 * {@code ttl} after it was loaded from the database.
 *
 * <p>The TTL is what bounds erasure across nodes: {@link #evict} only reaches this node's cache, so another node
 * can still open a just-erased subject's data for at most {@code ttl}. On this node, {@link #evict} also
 * invalidates loads that were in flight when it ran (their {@link #put} is ignored), so an erased key cannot be
 * re-cached by a reader that fetched it just before the erasure.
 */
final class DataKeyCache {

    private record Entry(SecretKey key, long loadedAtNanos) {
    }

    private final int maxEntries;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final Object lock = new Object();
    private final LinkedHashMap<String, Entry> entries;
    /** Bumped by every eviction: a load that started before an eviction must not be cached. */
    private long generation;

    DataKeyCache(int maxEntries, Duration ttl) {
        this(maxEntries, ttl, System::nanoTime);
    }

    DataKeyCache(int maxEntries, Duration ttl, LongSupplier nanoTime) {
        if (maxEntries < 0 || ttl.isNegative()) {
            throw new IllegalArgumentException("cache size and TTL must not be negative");
        }
        this.maxEntries = maxEntries;
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > DataKeyCache.this.maxEntries;
            }
        };
    }

    boolean enabled() {
        return maxEntries > 0 && ttlNanos > 0;
    }

    /** The key, if cached and not older than the TTL. */
    SecretKey get(String subjectId) {
        if (!enabled()) {
            return null;
        }
        synchronized (lock) {
            Entry entry = entries.get(subjectId);
            if (entry == null) {
                return null;
            }
            if (nanoTime.getAsLong() - entry.loadedAtNanos() >= ttlNanos) {
                entries.remove(subjectId);
                return null;
            }
            return entry.key();
        }
    }

    /** Call before reading keys from the database; pass the result to {@link #put}. */
    long generation() {
        synchronized (lock) {
            return generation;
        }
    }

    /**
     * Caches a key read from the database when the load began at {@code generationAtLoad} and no eviction happened
     * since. {@code loadedAtNanos} is when the load began, so the TTL also covers the time the load took.
     */
    void put(String subjectId, SecretKey key, long generationAtLoad, long loadedAtNanos) {
        if (!enabled()) {
            return;
        }
        synchronized (lock) {
            if (generation == generationAtLoad) {
                entries.put(subjectId, new Entry(key, loadedAtNanos));
            }
        }
    }

    long now() {
        return nanoTime.getAsLong();
    }

    /** Removes the subject's key and invalidates every load in flight. */
    void evict(String subjectId) {
        synchronized (lock) {
            generation++;
            entries.remove(subjectId);
        }
    }

    int size() {
        synchronized (lock) {
            return entries.size();
        }
    }
}
