package jp.kasane.api.config.axon;

import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Axon's JDBC storage engine, but the stream the event store follows the head with (the one read with
 * {@code mayBlock}) ends after a batch shorter than the batch size instead of after an empty one. Woken by every
 * commit, that stream read the new events, then read again to find nothing (and, finding nothing, ran Axon's look past
 * a gap), and then the event store read once more before it waited (docs/benchmarks.md): five statements per wake-up,
 * three now. Nothing is skipped: a short batch (the head, or a gap inside the batch's window) ends this stream only, and
 * the event store, having found events, opens the next one from the last at once. The processors' own streams
 * (catching up, replaying: {@code mayBlock} false) read as Axon reads them, but share the messages of the events read
 * lately ({@link RecentlyReadEvents}): in a rebuild each payload is deserialized once, not once per read model. Every
 * stream takes a full batch another has read lately from the same position instead of reading it again
 * ({@link RecentFullBatches}): in a rebuild each row is read about once, not once per read model and segment. The
 * processors' own streams may be kept within a few batches of each other ({@link CatchingUpConvoy}).
 */
class HeadFollowingStorageEngine extends JdbcEventStorageEngine {

    private final RecentlyReadEvents recentlyRead;
    private final RecentFullBatches fullBatches;

    private final CatchingUpConvoy convoy;

    HeadFollowingStorageEngine(Builder builder, int sharedReadEvents, int sharedReadBatches, int convoyBatches) {
        super(builder);
        this.recentlyRead = new RecentlyReadEvents(sharedReadEvents);
        this.fullBatches = new RecentFullBatches(sharedReadBatches);
        this.convoy = new CatchingUpConvoy(convoyBatches);
    }

    /** A batch of a processor's own stream (catching up, replaying): read after the convoy lets it. */
    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        convoy.beforeReading(lastToken == null ? -1 : lastToken.position().orElse(-1), batchSize);
        return fetchShared(lastToken, batchSize);
    }

    private List<? extends TrackedEventData<?>> fetchShared(TrackingToken lastToken, int batchSize) {
        return fullBatches.fetch(lastToken, batchSize, () -> super.fetchTrackedEvents(lastToken, batchSize));
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        Stream<? extends TrackedEventMessage<?>> read = super.readEvents(trackingToken, mayBlock);
        // The stream following the head feeds every caught-up processor the same messages already.
        return mayBlock ? read : read.map(recentlyRead::shared);
    }

    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        if (!mayBlock) {
            return super.readEventData(trackingToken, false);
        }
        return StreamSupport.stream(new UpToAShortBatch(trackingToken), false);
    }

    private final class UpToAShortBatch extends Spliterators.AbstractSpliterator<TrackedEventData<?>> {

        private TrackingToken last;
        private Iterator<? extends TrackedEventData<?>> batch = List.<TrackedEventData<?>>of().iterator();
        private boolean lastBatchShort;

        UpToAShortBatch(TrackingToken from) {
            super(Long.MAX_VALUE, Spliterator.ORDERED);
            this.last = from;
        }

        @Override
        public boolean tryAdvance(Consumer<? super TrackedEventData<?>> action) {
            if (!batch.hasNext()) {
                if (lastBatchShort) {
                    return false;
                }
                List<? extends TrackedEventData<?>> fetched = fetchShared(last, batchSize());
                lastBatchShort = fetched.size() < batchSize();
                batch = fetched.iterator();
                if (!batch.hasNext()) {
                    return false;
                }
            }
            TrackedEventData<?> next = batch.next();
            last = next.trackingToken();
            action.accept(next);
            return true;
        }
    }
}
