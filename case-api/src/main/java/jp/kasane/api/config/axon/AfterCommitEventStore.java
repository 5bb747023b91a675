package jp.kasane.api.config.axon;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Axon's embedded event store, waking its reader (the projections' stream) when the request's database transaction
 * has committed. Axon wakes it when the command's unit of work commits, which here is before the request's
 * transaction does (the unit of work joins it): the reader found nothing yet and slept until its next poll
 * ({@code kasane.projections.fetch-delay}), which was the floor of the projection lag (docs/benchmarks.md). A
 * transaction that rolls back wakes no one. Its streams can be woken from their wait for events as well, for a processor
 * that is stopping ({@link ProcessorStops}).
 */
final class AfterCommitEventStore extends EmbeddedEventStore {

    private final AtomicLong wakeUps = new AtomicLong();

    AfterCommitEventStore(Builder builder) {
        super(builder);
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            super.afterCommit(events);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                AfterCommitEventStore.super.afterCommit(events);
            }
        });
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return new WakeableEventStream(super.openStream(trackingToken), wakeUps::get);
    }

    /** Ends every stream's current wait for events (each answers "nothing yet"). */
    void wakeReaders() {
        wakeUps.incrementAndGet();
    }
}
