package jp.kasane.api.config.axon;

import jp.kasane.api.application.Transactions;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.lifecycle.Phase;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Axon's embedded event store, waking its reader (the projections' stream) when the request's database transaction
 * has committed. Axon wakes it when the command's unit of work commits, which here is before the request's
 * transaction does (the unit of work joins it): the reader found nothing yet and slept until its next poll
 * ({@code kasane.projections.fetch-delay}), which was the floor of the projection lag (docs/benchmarks.md). A
 * transaction that rolls back wakes no one. Its streams can be woken from their wait for events as well, for a processor
 * that is stopping: one replayed ({@link ProcessorStops}), or all of them when the application shuts down.
 */
final class AfterCommitEventStore extends EmbeddedEventStore {

    /** Longer than a processor's wait for events (Axon's one second): past it, waking serves no one. */
    static final Duration WAKE_AT_SHUTDOWN_AT_MOST = Duration.ofSeconds(2);

    private final AtomicLong wakeUps = new AtomicLong();
    private final Set<WakeableEventStream> open = ConcurrentHashMap.newKeySet();

    private final Duration batchLinger;

    AfterCommitEventStore(Builder builder) {
        this(builder, Duration.ZERO);
    }

    /** @param batchLinger see {@link WakeableEventStream}: {@code kasane.projections.batch-linger} */
    AfterCommitEventStore(Builder builder, Duration batchLinger) {
        super(builder);
        this.batchLinger = batchLinger;
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        Transactions.afterCommit(() -> super.afterCommit(events));
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        WakeableEventStream stream = new WakeableEventStream(super.openStream(trackingToken), wakeUps::get, open::remove,
                batchLinger);
        open.add(stream);
        return stream;
    }

    /** Ends every stream's current wait for events (each answers "nothing yet"). */
    void wakeReaders() {
        wakeUps.incrementAndGet();
    }

    /**
     * Beside the processors' own shutdown (the same phase, run together): their streams are woken until every one is
     * closed, so the application stops without each processor waiting out its wait for events.
     */
    @Override
    public void registerLifecycleHandlers(LifecycleRegistry lifecycle) {
        super.registerLifecycleHandlers(lifecycle);
        lifecycle.onShutdown(Phase.INBOUND_EVENT_CONNECTORS, this::wakeReadersUntilClosed);
    }

    CompletableFuture<Void> wakeReadersUntilClosed() {
        return CompletableFuture.runAsync(() -> {
            long deadline = System.nanoTime() + WAKE_AT_SHUTDOWN_AT_MOST.toNanos();
            try {
                while (!open.isEmpty() && System.nanoTime() < deadline) {
                    wakeReaders();
                    Thread.sleep(WakeableEventStream.SLICE_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * Waits for an instruction a processor carries out between its batches (stopping, splitting a segment), waking the
     * readers each slice so that none waits out its wait for events first: a reader that began its wait after one
     * wake-up misses that one. Waking the other processors costs them one empty look.
     */
    <T> T awaitWakingReaders(CompletableFuture<T> done, String what) {
        try {
            while (true) {
                wakeReaders();
                try {
                    return done.get(WakeableEventStream.SLICE_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillWaiting) {
                    // a batch still being handled, or a reader that has not seen the wake-up yet
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed", e.getCause());
        }
    }

    int openStreams() {
        return open.size();
    }
}
