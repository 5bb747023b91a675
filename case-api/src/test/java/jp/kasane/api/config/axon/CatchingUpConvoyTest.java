package jp.kasane.api.config.axon;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A catching-up stream more than the allowed batches ahead of the slowest other waits for it, but never for a stream
 * that has stopped reading, never longer than the longest wait, and never when the convoy is off.
 */
class CatchingUpConvoyTest {

    /** Each stream on a thread of its own, as each segment of a processor reads on its own worker. */
    private final ExecutorService slow = Executors.newSingleThreadExecutor();
    private final ExecutorService fast = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        slow.shutdownNow();
        fast.shutdownNow();
    }

    @Test
    void a_stream_far_ahead_waits_until_the_slowest_comes_within_the_allowed_batches() throws Exception {
        FakeClock clock = new FakeClock();
        CatchingUpConvoy convoy = new CatchingUpConvoy(2, clock);
        slow.submit(() -> convoy.beforeReading(-1, 100)).get(5, TimeUnit.SECONDS);

        assertThat(fast.submit(() -> convoy.beforeReading(199, 100)).get(5, TimeUnit.SECONDS))
                .as("two batches ahead: allowed").isNull();
        Future<?> farAhead = fast.submit(() -> convoy.beforeReading(299, 100));
        assertThatThrownBy(() -> farAhead.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);

        slow.submit(() -> convoy.beforeReading(99, 100)).get(5, TimeUnit.SECONDS);
        farAhead.get(5, TimeUnit.SECONDS);
        assertThat(convoy.streams()).isEqualTo(2);
    }

    @Test
    void the_slowest_stream_never_waits() throws Exception {
        CatchingUpConvoy convoy = new CatchingUpConvoy(1, new FakeClock());
        fast.submit(() -> convoy.beforeReading(10_000, 100)).get(5, TimeUnit.SECONDS);

        slow.submit(() -> convoy.beforeReading(-1, 100)).get(1, TimeUnit.SECONDS);
    }

    @Test
    void a_stream_that_has_stopped_reading_is_not_waited_for() throws Exception {
        FakeClock clock = new FakeClock();
        CatchingUpConvoy convoy = new CatchingUpConvoy(1, clock);
        slow.submit(() -> convoy.beforeReading(-1, 100)).get(5, TimeUnit.SECONDS);

        clock.advanceMillis(CatchingUpConvoy.STALE_MILLIS + 1);
        fast.submit(() -> convoy.beforeReading(10_000, 100)).get(1, TimeUnit.SECONDS);
        assertThat(convoy.streams()).as("the stopped stream is forgotten").isEqualTo(1);
    }

    @Test
    void no_stream_waits_longer_than_the_longest_wait() throws Exception {
        CatchingUpConvoy convoy = new CatchingUpConvoy(1);
        slow.submit(() -> convoy.beforeReading(-1, 100)).get(5, TimeUnit.SECONDS);

        long start = System.nanoTime();
        fast.submit(() -> convoy.beforeReading(10_000, 100)).get(5, TimeUnit.SECONDS);
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(waited).isBetween(CatchingUpConvoy.MAX_WAIT_MILLIS - 5, 3_000L);
    }

    @Test
    void off_no_stream_waits_nor_is_remembered() throws Exception {
        CatchingUpConvoy convoy = new CatchingUpConvoy(0, new FakeClock());
        slow.submit(() -> convoy.beforeReading(-1, 100)).get(5, TimeUnit.SECONDS);
        fast.submit(() -> convoy.beforeReading(10_000, 100)).get(1, TimeUnit.SECONDS);

        assertThat(convoy.streams()).isZero();
        assertThatThrownBy(() -> new CatchingUpConvoy(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Time that moves only when told, so that staleness does not depend on the machine's speed. */
    private static final class FakeClock implements java.util.function.LongSupplier {
        private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

        void advanceMillis(long millis) {
            nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
        }

        @Override
        public long getAsLong() {
            return nanos.get();
        }
    }
}
