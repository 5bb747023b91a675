package jp.kasane.api.config.axon;

import org.axonframework.eventhandling.StreamingEventProcessor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops an event processor without waiting out its wait for events: the processor is told to stop, and the event
 * store's readers are woken until it has ({@link WakeableEventStream}). Waking the others costs them one empty look.
 */
public final class ProcessorStops {

    private final AfterCommitEventStore eventStore;

    ProcessorStops(AfterCommitEventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Returns once the processor's threads have left. */
    public void stop(StreamingEventProcessor processor) {
        CompletableFuture<Void> stopped = processor.shutdownAsync();
        try {
            // Woken again each slice: a reader that began its wait after one wake-up misses that one.
            while (true) {
                eventStore.wakeReaders();
                try {
                    stopped.get(WakeableEventStream.SLICE_MILLIS, TimeUnit.MILLISECONDS);
                    return;
                } catch (TimeoutException stillStopping) {
                    // a batch still being handled, or a reader that has not seen the wake-up yet
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping " + processor.getName(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Stopping " + processor.getName() + " failed", e.getCause());
        }
    }
}
