package jp.kasane.api.config.axon;

import org.axonframework.eventhandling.StreamingEventProcessor;

/**
 * Stops an event processor without waiting out its wait for events: the processor is told to stop, and the event
 * store's readers are woken until it has ({@link WakeableEventStream}).
 */
public final class ProcessorStops {

    private final AfterCommitEventStore eventStore;

    ProcessorStops(AfterCommitEventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Returns once the processor's threads have left. */
    public void stop(StreamingEventProcessor processor) {
        eventStore.awaitWakingReaders(processor.shutdownAsync(), "stopping " + processor.getName());
    }
}
