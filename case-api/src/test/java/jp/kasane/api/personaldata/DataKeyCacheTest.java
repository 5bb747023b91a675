package jp.kasane.api.personaldata;

import jp.kasane.core.personaldata.AesGcm;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class DataKeyCacheTest {

    private final AtomicLong clock = new AtomicLong();
    private final SecretKey key = AesGcm.generateKey();

    @Test
    void entriesExpireAfterTheTtl() {
        DataKeyCache cache = new DataKeyCache(10, Duration.ofSeconds(60), clock::get);
        cache.put("p", key, cache.generation(), cache.now());
        clock.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(cache.get("p")).isSameAs(key);
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(cache.get("p")).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void theCacheIsBoundedInSize() {
        DataKeyCache cache = new DataKeyCache(2, Duration.ofSeconds(60), clock::get);
        for (String subject : new String[]{"a", "b", "c", "d"}) {
            cache.put(subject, key, cache.generation(), cache.now());
        }
        assertThat(cache.size()).isEqualTo(2);
        long kept = java.util.stream.Stream.of("a", "b", "c", "d").filter(s -> cache.get(s) != null).count();
        assertThat(kept).isEqualTo(2);
    }

    @Test
    void evictRemovesTheKeyAndInvalidatesLoadsInFlight() {
        DataKeyCache cache = new DataKeyCache(10, Duration.ofSeconds(60), clock::get);
        cache.put("p", key, cache.generation(), cache.now());
        long loadStarted = cache.generation(); // a reader starts loading "p" from the database ...
        cache.evict("p");                      // ... the subject is erased meanwhile ...
        cache.put("p", key, loadStarted, cache.now()); // ... and the reader's stale key is not cached
        assertThat(cache.get("p")).isNull();
    }

    @Test
    void zeroTtlOrSizeDisablesTheCache() {
        DataKeyCache noTtl = new DataKeyCache(10, Duration.ZERO, clock::get);
        noTtl.put("p", key, noTtl.generation(), noTtl.now());
        assertThat(noTtl.get("p")).isNull();
        DataKeyCache noSize = new DataKeyCache(0, Duration.ofSeconds(60), clock::get);
        noSize.put("p", key, noSize.generation(), noSize.now());
        assertThat(noSize.get("p")).isNull();
    }
}
