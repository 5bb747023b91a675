package jp.kasane.api.config.axon;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A processor's wait for events ends when an event comes, when its time is up, or when the readers are woken (a
 * processor stopping), and not otherwise.
 */
class WakeableEventStreamTest {

    final AtomicLong wakeUps = new AtomicLong();
    final StoreStream store = new StoreStream();
    final WakeableEventStream stream = new WakeableEventStream(store, wakeUps::get, closed -> { });

    @Test
    void a_wait_with_nothing_coming_lasts_its_whole_time() throws Exception {
        long started = System.nanoTime();

        assertThat(stream.hasNextAvailable(300, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void a_wait_ends_early_with_nothing_when_the_readers_are_woken() throws Exception {
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> waitFor(Duration.ofSeconds(30)));
        Thread.sleep(200);
        assertThat(waiting).as("still waiting before the wake-up").isNotDone();

        wakeUps.incrementAndGet();
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void a_wait_ends_with_the_event_that_comes() throws Exception {
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> waitFor(Duration.ofSeconds(30)));
        Thread.sleep(200);

        store.append();
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("event");
    }

    @Test
    void a_processor_that_had_to_wait_lingers_before_it_takes_its_batch() throws Exception {
        WakeableEventStream lingering = new WakeableEventStream(store, wakeUps::get, closed -> { },
                Duration.ofMillis(300));
        CompletableFuture<Long> answeredAt = CompletableFuture.supplyAsync(() -> {
            try {
                lingering.hasNextAvailable(30_000, TimeUnit.MILLISECONDS);
                return System.nanoTime();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);

        long appendedAt = System.nanoTime();
        store.append();
        assertThat(Duration.ofNanos(answeredAt.get(10, TimeUnit.SECONDS) - appendedAt))
                .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void events_already_there_are_taken_at_once_without_lingering() throws Exception {
        WakeableEventStream lingering = new WakeableEventStream(store, wakeUps::get, closed -> { },
                Duration.ofSeconds(30));
        store.append();

        long started = System.nanoTime();
        assertThat(lingering.hasNextAvailable(30_000, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void a_stream_catching_up_that_reaches_the_head_answers_nothing_yet_at_once_twice_then_waits_again()
            throws Exception {
        takeEvents(WakeableEventStream.CATCHING_UP);

        long started = System.nanoTime();
        assertThat(stream.hasNextAvailable(30_000, TimeUnit.MILLISECONDS)).as("the end of the ignored events' batch")
                .isFalse();
        assertThat(stream.hasNextAvailable(30_000, TimeUnit.MILLISECONDS)).as("the next batch: caught up").isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

        started = System.nanoTime();
        assertThat(stream.hasNextAvailable(300, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("following the head: a whole wait")
                .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void a_stream_following_the_head_waits_after_the_few_events_it_took() throws Exception {
        takeEvents(3);

        long started = System.nanoTime();
        assertThat(stream.hasNextAvailable(300, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void a_stream_that_caught_up_on_a_handled_batch_waits_as_before() throws Exception {
        takeEvents(WakeableEventStream.CATCHING_UP);
        assertThat(stream.hasNextAvailable()).as("Axon's caught-up check after a handled batch").isFalse();

        long started = System.nanoTime();
        assertThat(stream.hasNextAvailable(300, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    /** A processor taking events already in the store, one after the other, without waiting. */
    private void takeEvents(int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            store.append();
        }
        for (int i = 0; i < count; i++) {
            assertThat(stream.hasNextAvailable(1, TimeUnit.MILLISECONDS)).isTrue();
            stream.nextAvailable();
        }
    }

    private boolean waitFor(Duration time) {
        try {
            return stream.hasNextAvailable((int) time.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The event store's stream: its wait ends only when an event is appended or its time is up. */
    static final class StoreStream implements TrackingEventStream {

        private final Semaphore appended = new Semaphore(0);
        private TrackedEventMessage<?> next;

        void append() {
            appended.release();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (next == null && appended.tryAcquire(timeout, unit)) {
                next = new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(1),
                        GenericEventMessage.asEventMessage("event"));
            }
            return next != null;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.ofNullable(next);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() {
            TrackedEventMessage<?> event = next;
            next = null;
            return event;
        }

        @Override
        public void close() {
        }
    }
}
