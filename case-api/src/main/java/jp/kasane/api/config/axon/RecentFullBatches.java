package jp.kasane.api.config.axon;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The batches of stored events read lately from a position, kept for the next stream asking from the same position. In
 * a rebuild every read model (and each second segment) reads the whole store from the same first position in the same
 * batches: every row was read seven times, a quarter of PostgreSQL's time (docs/benchmarks.md).
 * <p>
 * Only a <em>full</em> batch is kept: one holding every index of its window, the batch size of indexes after the
 * position, and nothing else. Stored rows never change, so a later read from the same position would return the same
 * rows, but for events filling the position's own gaps: those stay gaps in the tokens of the kept rows, and the next
 * read, which asks for the gaps too, finds them. A short batch (the head, or an index missing in the window, perhaps a
 * transaction still running) is never kept nor handed on: each stream reads that one itself, as Axon does. A stream
 * asking while another's read from the same position is under way waits for it and takes it if full.
 * <p>
 * Kept by order of reading alone, oldest out first, as {@link RecentlyReadEvents} (which says why).
 */
final class RecentFullBatches {

    private record Position(TrackingToken after, int batchSize) {
    }

    private final int capacity;
    private final Map<Position, CompletableFuture<List<? extends TrackedEventData<?>>>> byPosition;

    RecentFullBatches(int capacity) {
        this.capacity = capacity;
        this.byPosition = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Position, CompletableFuture<List<? extends TrackedEventData<?>>>> e) {
                return size() > capacity;
            }
        };
    }

    /** The batch after {@code after}: a full one read lately from there, else {@code read}'s. */
    List<? extends TrackedEventData<?>> fetch(TrackingToken after, int batchSize,
                                              Supplier<List<? extends TrackedEventData<?>>> read) {
        if (capacity == 0 || !(after instanceof GapAwareTrackingToken)) {
            return read.get();
        }
        Position position = new Position(after, batchSize);
        CompletableFuture<List<? extends TrackedEventData<?>>> mine = new CompletableFuture<>();
        CompletableFuture<List<? extends TrackedEventData<?>>> theirs;
        synchronized (byPosition) {
            theirs = byPosition.putIfAbsent(position, mine);
        }
        if (theirs != null) {
            List<? extends TrackedEventData<?>> batch = theirs.exceptionally(failed -> null).join();
            return batch != null && full(after, batchSize, batch) ? batch : read.get();
        }
        List<? extends TrackedEventData<?>> batch;
        try {
            batch = read.get();
        } catch (RuntimeException | Error e) {
            forget(position, mine);
            mine.completeExceptionally(e);
            throw e;
        }
        if (!full(after, batchSize, batch)) {
            forget(position, mine);
        }
        mine.complete(batch);
        return batch;
    }

    private void forget(Position position, CompletableFuture<List<? extends TrackedEventData<?>>> mine) {
        synchronized (byPosition) {
            byPosition.remove(position, mine);
        }
    }

    /** Whether the batch holds every index of the window after {@code after}, in order, and nothing else. */
    private static boolean full(TrackingToken after, int batchSize, List<? extends TrackedEventData<?>> batch) {
        if (batch.size() != batchSize || batchSize == 0) {
            return false;
        }
        long from = ((GapAwareTrackingToken) after).getIndex();
        return index(batch.get(0)) == from + 1 && index(batch.get(batchSize - 1)) == from + batchSize;
    }

    private static long index(TrackedEventData<?> event) {
        return event.trackingToken().position().orElse(Long.MIN_VALUE);
    }
}
