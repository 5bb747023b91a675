package jp.kasane.api.personaldata;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import javax.crypto.SecretKey;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Unwrapped data keys of recently used subjects, so that opening a case view does not cost a database round trip
 * per person. Bounded in size (Caffeine's eviction) and in time: an entry is used for at most {@code ttl} after its
 * load from the database began.
 *
 * <p>The TTL is what bounds erasure across nodes: {@link #evict} only reaches this node's cache, so another node
 * can still open a just-erased subject's data for at most {@code ttl}. On this node, {@link #evict} also
 * invalidates loads that were in flight when it ran (their {@link #put} is ignored), so an erased key cannot be
 * re-cached by a reader that fetched it just before the erasure.
 */
final class DataKeyCache {

    private record Entry(SecretKey key, long loadedAtNanos) {
    }

    private final boolean enabled;
    private final LongSupplier nanoTime;
    private final Object lock = new Object();
    private final Cache<String, Entry> entries;
    /** Bumped by every eviction: a load that started before an eviction must not be cached. */
    private long generation;

    DataKeyCache(int maxEntries, Duration ttl) {
        this(maxEntries, ttl, System::nanoTime);
    }

    DataKeyCache(int maxEntries, Duration ttl, LongSupplier nanoTime) {
        if (maxEntries < 0 || ttl.isNegative()) {
            throw new IllegalArgumentException("cache size and TTL must not be negative");
        }
        long ttlNanos = ttl.toNanos();
        this.enabled = maxEntries > 0 && ttlNanos > 0;
        this.nanoTime = nanoTime;
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfter(new FromLoad(ttlNanos))
                .ticker(nanoTime::getAsLong)
                .executor(Runnable::run) // its upkeep on the caller's thread, not a shared pool: sizes are exact
                .build();
    }

    /** Each entry lives {@code ttl} from when its load began, whatever is done with it meanwhile. */
    private record FromLoad(long ttlNanos) implements Expiry<String, Entry> {
        @Override
        public long expireAfterCreate(String subjectId, Entry entry, long now) {
            return Math.max(0, ttlNanos - (now - entry.loadedAtNanos()));
        }

        @Override
        public long expireAfterUpdate(String subjectId, Entry entry, long now, long remaining) {
            return expireAfterCreate(subjectId, entry, now);
        }

        @Override
        public long expireAfterRead(String subjectId, Entry entry, long now, long remaining) {
            return remaining;
        }
    }

    boolean enabled() {
        return enabled;
    }

    /** The key, if cached and not older than the TTL. */
    SecretKey get(String subjectId) {
        if (!enabled) {
            return null;
        }
        Entry entry = entries.getIfPresent(subjectId);
        return entry == null ? null : entry.key();
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
        if (!enabled) {
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
            entries.invalidate(subjectId);
        }
    }

    int size() {
        entries.cleanUp();
        return (int) entries.estimatedSize();
    }
}
