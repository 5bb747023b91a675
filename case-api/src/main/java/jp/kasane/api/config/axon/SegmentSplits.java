package jp.kasane.api.config.axon;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;

import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Splits a processor's segment in two, so that another of its threads works beside the first (docs/projections.md,
 * "Ordered per case"), or merges two where it has more segments than threads. Axon applies a processor's
 * {@code initial-segment-count} only when its tokens are first created: a database whose tokens were created with
 * fewer segments keeps them until they are split here. A segment is split only while this node has a thread for the
 * new one, since a segment no thread holds is not processed.
 */
public final class SegmentSplits {

    private static final Duration COMMITTED_WITHIN = Duration.ofSeconds(5);

    private final AfterCommitEventStore eventStore;
    private final EventProcessingConfiguration processing;

    SegmentSplits(AfterCommitEventStore eventStore, EventProcessingConfiguration processing) {
        this.eventStore = eventStore;
        this.processing = processing;
    }

    /** How many segments the processor's tokens are cut into (whichever node holds them). */
    public int segments(String processor) {
        return processing.tokenStore(processor).fetchSegments(processor).length;
    }

    /**
     * Splits the widest segment this node processes, once its thread has finished the batch in hand. False when this
     * node has no thread for one more segment, or processes none of them.
     */
    public boolean split(StreamingEventProcessor processor) {
        String name = processor.getName();
        int before = segments(name);
        if (!processor.isRunning() || before >= processor.maxCapacity()) {
            return false;
        }
        Optional<Segment> widest = processor.processingStatus().values().stream()
                .map(EventTrackerStatus::getSegment)
                .min(Comparator.comparingInt(Segment::getMask)); // the fewer bits in its mask, the more cases it has
        if (widest.isEmpty()
                || !eventStore.awaitWakingReaders(processor.splitSegment(widest.get().getSegmentId()), "splitting " + name)) {
            return false;
        }
        // Axon answers from inside the transaction that writes the new segment's token: wait for its commit.
        awaitUntil(() -> segments(name) > before, System.nanoTime() + COMMITTED_WITHIN.toNanos());
        return true;
    }

    /**
     * Splits until the processor has as many segments as this node gives it threads, waiting (up to {@code within})
     * for its segments to be claimed before each split. Returns how many segments it has then.
     */
    public int splitToThreads(StreamingEventProcessor processor, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        String name = processor.getName();
        int segments = segments(name);
        while (segments < processor.maxCapacity() && System.nanoTime() < deadline) {
            int claimable = segments;
            // After a start or a split, its segments are claimed again in Axon's claim rounds.
            if (!awaitUntil(() -> processor.processingStatus().size() >= claimable, deadline) || !split(processor)) {
                break;
            }
            segments = segments(name);
        }
        return segments;
    }

    /**
     * Merges segments until the processor has no more than this node gives it threads, so that none is left without
     * a thread (a database whose tokens were created when the processor had more threads). A segment is merged with
     * its sibling only where this node can claim the sibling: one another node holds is left to it (Axon refuses the
     * merge). Returns how many segments it has then.
     */
    public int mergeToThreads(StreamingEventProcessor processor, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        String name = processor.getName();
        int segments = segments(name);
        while (segments > processor.maxCapacity() && System.nanoTime() < deadline) {
            Optional<Integer> held = processor.processingStatus().keySet().stream().findFirst();
            if (held.isEmpty() || !Boolean.TRUE.equals(eventStore.awaitWakingReaders(
                    processor.mergeSegment(held.get()), "merging " + name))) {
                break;
            }
            int before = segments;
            awaitUntil(() -> segments(name) < before, System.nanoTime() + COMMITTED_WITHIN.toNanos());
            segments = segments(name);
        }
        return segments;
    }

    /** Polls {@code condition} every 10 ms until it holds (true) or the deadline (System.nanoTime) passes (false). */
    private static boolean awaitUntil(BooleanSupplier condition, long deadline) {
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for a split segment", e);
            }
        }
        return true;
    }
}
