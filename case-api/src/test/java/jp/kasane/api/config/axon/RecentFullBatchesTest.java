package jp.kasane.api.config.axon;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A batch read from a position is handed to the next stream asking from there only when it holds every index of its
 * window and nothing else; a stream asking while the read is under way waits for it.
 */
class RecentFullBatchesTest {

    private final AtomicInteger reads = new AtomicInteger();
    /** Threads of their own: the common pool may have one on a two-core machine. */
    private final ExecutorService streams = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        streams.shutdownNow();
    }

    @Test
    void a_full_batch_is_handed_to_the_next_stream_asking_from_the_same_position() {
        RecentFullBatches batches = new RecentFullBatches(4);
        List<TrackedEventData<?>> full = batch(10, 11, 12, 13);

        assertThat(batches.fetch(at(10), 3, reading(full))).isSameAs(full);
        assertThat(batches.fetch(at(10), 3, reading(batch(10, 11, 12, 13)))).isSameAs(full);
        assertThat(reads).hasValue(1);
        assertThat(batches.fetch(at(10, 7L), 3, reading(batch(10, 11, 12, 13)))).as("another position: its gaps differ")
                .isNotSameAs(full);
        assertThat(batches.fetch(at(10), 2, reading(batch(10, 11, 12)))).as("another batch size").isNotSameAs(full);
    }

    @Test
    void a_batch_missing_an_index_or_holding_a_gap_of_the_position_is_read_by_each_stream_itself() {
        RecentFullBatches batches = new RecentFullBatches(4);

        batches.fetch(at(10), 3, reading(batch(10, 11, 12, 14)));
        batches.fetch(at(10), 3, reading(batch(10, 11, 12, 14)));
        batches.fetch(at(10, 7L), 3, reading(batch(10, 7, 11, 12)));
        batches.fetch(at(10, 7L), 3, reading(batch(10, 7, 11, 12)));
        batches.fetch(at(10), 3, reading(batch(10)));
        batches.fetch(at(10), 3, reading(batch(10)));

        assertThat(reads).hasValue(6);
    }

    @Test
    void the_oldest_batch_goes_first_and_none_kept_shares_nothing() {
        RecentFullBatches two = new RecentFullBatches(2);
        two.fetch(at(10), 1, reading(batch(10, 11)));
        two.fetch(at(11), 1, reading(batch(11, 12)));
        two.fetch(at(12), 1, reading(batch(12, 13)));
        two.fetch(at(10), 1, reading(batch(10, 11)));
        assertThat(reads).hasValue(4);

        RecentFullBatches none = new RecentFullBatches(0);
        none.fetch(at(10), 1, reading(batch(10, 11)));
        none.fetch(at(10), 1, reading(batch(10, 11)));
        assertThat(reads).hasValue(6);
    }

    @Test
    void a_stream_asking_during_the_read_waits_for_it_and_reads_itself_if_it_failed() throws Exception {
        RecentFullBatches batches = new RecentFullBatches(4);
        List<TrackedEventData<?>> full = batch(10, 11, 12, 13);
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<List<? extends TrackedEventData<?>>> first = CompletableFuture.supplyAsync(() ->
                batches.fetch(at(10), 3, () -> {
                    reading.countDown();
                    await(release);
                    return full;
                }), streams);
        assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<List<? extends TrackedEventData<?>>> second = CompletableFuture.supplyAsync(() ->
                batches.fetch(at(10), 3, reading(batch(10, 11, 12, 13))), streams);
        Thread.sleep(100);
        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isSameAs(full);
        assertThat(second.get(5, TimeUnit.SECONDS)).isSameAs(full);
        assertThat(reads).as("the second stream did not read").hasValue(0);

        CountDownLatch failing = new CountDownLatch(1);
        CountDownLatch fail = new CountDownLatch(1);
        CompletableFuture<List<? extends TrackedEventData<?>>> broken = CompletableFuture.supplyAsync(() ->
                batches.fetch(at(20), 3, () -> {
                    failing.countDown();
                    await(fail);
                    throw new IllegalStateException("the database went away");
                }), streams);
        assertThat(failing.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<List<? extends TrackedEventData<?>>> after = CompletableFuture.supplyAsync(() ->
                batches.fetch(at(20), 3, reading(batch(20, 21, 22, 23))), streams);
        Thread.sleep(100);
        fail.countDown();
        assertThatThrownBy(() -> broken.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(after.get(5, TimeUnit.SECONDS)).hasSize(3);
        assertThat(reads).hasValue(1);
    }

    private Supplier<List<? extends TrackedEventData<?>>> reading(List<TrackedEventData<?>> batch) {
        return () -> {
            reads.incrementAndGet();
            return batch;
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TrackingToken at(long index, Long... gaps) {
        return GapAwareTrackingToken.newInstance(index, Set.of(gaps));
    }

    /** The rows read from {@code from}, at these global indexes, each with its token as Axon computes it. */
    private static List<TrackedEventData<?>> batch(long from, long... indexes) {
        List<TrackedEventData<?>> rows = new ArrayList<>();
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(from, Set.of());
        for (long index : indexes) {
            token = index < from ? GapAwareTrackingToken.newInstance(token.getIndex(), Set.of()) : token.advanceTo(index, 10_000);
            rows.add(new TrackedDomainEventData<>(token, new GenericDomainEventEntry<>("SupportCase", "case-" + index,
                    0, "event-" + index, Instant.EPOCH, "kasane.Noted", null, new byte[0], new byte[0])));
        }
        return rows;
    }
}
