package jp.kasane.api.config.axon;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A processor's stream of events whose wait for the next event ends early when the readers are woken
 * ({@link ProcessorStops}). A stopping tracking processor leaves only between batches, and it waits for events up to a
 * second (Axon's event-availability timeout) in the event store's own wait, which nothing but new events ends: a replay
 * asked of an idle projection waited that second before it began (docs/benchmarks.md). This stream waits in slices of
 * {@link #SLICE_MILLIS} instead and answers "nothing yet" once the wake-up count has moved; the processor then sees it
 * is stopping. A processor that keeps running only asks again.
 */
final class WakeableEventStream implements TrackingEventStream {

    static final int SLICE_MILLIS = 50;
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(SLICE_MILLIS);
    /** Events taken without a wait in between, past which a stream is catching up (a rebuild, a backlog). */
    static final int CATCHING_UP = 1_000;

    private final TrackingEventStream events;
    private final LongSupplier wakeUps;
    private final Consumer<WakeableEventStream> onClose;
    private final long lingerNanos;
    // Used by the processor's one worker thread only.
    private int takenSinceWait;
    private boolean lastCallTook;
    private boolean owesNothingYet;

    WakeableEventStream(TrackingEventStream events, LongSupplier wakeUps, Consumer<WakeableEventStream> onClose) {
        this(events, wakeUps, onClose, Duration.ZERO);
    }

    /**
     * @param linger how long a processor that had to wait for events waits once they come, before it takes its batch
     *               ({@code kasane.projections.batch-linger}): the events committed meanwhile join the same batch, one
     *               transaction and one token update for them all, at the price of that much lag. Events already
     *               there are taken at once; but a replaying stream may find none for a moment at the end of each
     *               batch it fetched, and lingers there too (off by default: docs/benchmarks.md).
     */
    WakeableEventStream(TrackingEventStream events, LongSupplier wakeUps, Consumer<WakeableEventStream> onClose,
                        Duration linger) {
        this.events = events;
        this.wakeUps = wakeUps;
        this.onClose = onClose;
        this.lingerNanos = linger.toNanos();
    }

    /**
     * Waits for the next event, but a stream that was catching up and has just taken events its processor had no
     * handler for, reaching the head, answers "nothing yet" at once, and once more at the next ask: Axon's tracking
     * processor otherwise waits out the rest of its event-availability second for a handled event to end its batch,
     * and then a whole second more before it reports the segment caught up, so a read model whose last events it
     * ignores showed as replaying one to two seconds after it had finished (docs/benchmarks.md). The two answers make
     * it store its token and report caught up at once; a stream that is not catching up waits as Axon's does, so
     * the events it ignores while following the head still cost one token update per second, not one each.
     */
    @Override
    public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
        boolean tookJustBefore = lastCallTook;
        lastCallTook = false;
        if (events.hasNextAvailable()) {
            return true;
        }
        if (owesNothingYet) {
            owesNothingYet = false;
            return false;
        }
        boolean catchingUp = takenSinceWait >= CATCHING_UP;
        takenSinceWait = 0;
        if (tookJustBefore && catchingUp) {
            owesNothingYet = true;
            return false;
        }
        if (!awaitNext(timeout, unit)) {
            return false;
        }
        if (lingerNanos > 0) {
            TimeUnit.NANOSECONDS.sleep(lingerNanos);
        }
        return true;
    }

    private boolean awaitNext(int timeout, TimeUnit unit) throws InterruptedException {
        long woken = wakeUps.getAsLong();
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        long left = unit.toNanos(timeout);
        while (true) {
            if (events.hasNextAvailable((int) Math.min(left, SLICE_NANOS), TimeUnit.NANOSECONDS)) {
                return true;
            }
            left = deadline - System.nanoTime();
            if (left <= 0 || wakeUps.getAsLong() != woken) {
                return false;
            }
        }
    }

    @Override
    public boolean hasNextAvailable() {
        lastCallTook = false;
        return events.hasNextAvailable();
    }

    @Override
    public Optional<TrackedEventMessage<?>> peek() {
        lastCallTook = true;
        return events.peek();
    }

    @Override
    public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
        lastCallTook = true;
        takenSinceWait++;
        return events.nextAvailable();
    }

    @Override
    public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> message) {
        lastCallTook = true;
        events.skipMessagesWithPayloadTypeOf(message);
    }

    @Override
    public boolean setOnAvailableCallback(Runnable callback) {
        return events.setOnAvailableCallback(callback);
    }

    @Override
    public void close() {
        try {
            events.close();
        } finally {
            onClose.accept(this);
        }
    }
}
