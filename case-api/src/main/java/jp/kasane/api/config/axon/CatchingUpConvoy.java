package jp.kasane.api.config.axon;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Keeps the processors' catching-up streams (a rebuild, or a node back after a while) within a few batches of each
 * other. Left alone, in a rebuild the light read models ran far ahead of the caseload: the rows and messages the
 * streams share ({@link RecentFullBatches}, {@link RecentlyReadEvents}) then had to span the distance between them,
 * lived through several young collections, and were still read again once that distance outgrew them
 * (docs/benchmarks.md). A stream about to read a batch more than {@code batchesAhead} batches past the slowest other
 * stream waits for it, at most {@link #MAX_WAIT_MILLIS} per batch; a stream that has read nothing for
 * {@link #STALE_MILLIS} (caught up and following the head, stopped, or gone) is no longer waited for. The slowest
 * stream never waits, so no stream waits for another in a circle, and the rebuild, which ends when its slowest read model
 * has caught up, gives the CPU the others would have spent ahead to that one.
 * <p>
 * A stream is known by the thread reading it: each segment of a tracking processor reads its own stream on its own
 * worker thread. {@code batchesAhead} 0 turns this off.
 */
final class CatchingUpConvoy {

    static final long MAX_WAIT_MILLIS = 100;
    static final long STALE_MILLIS = 1_000;

    private static final class Stream {
        long position;
        long lastReadNanos;
    }

    private final int batchesAhead;
    private final LongSupplier nanoTime;
    private final Map<Thread, Stream> streams = new HashMap<>();

    CatchingUpConvoy(int batchesAhead) {
        this(batchesAhead, System::nanoTime);
    }

    CatchingUpConvoy(int batchesAhead, LongSupplier nanoTime) {
        if (batchesAhead < 0) {
            throw new IllegalArgumentException("batches ahead must be 0 (off) or more: " + batchesAhead);
        }
        this.batchesAhead = batchesAhead;
        this.nanoTime = nanoTime;
    }

    /**
     * Called by a catching-up stream's thread before it reads the batch after {@code position} (-1 before the first
     * event): returns once no other live stream is more than the allowed batches behind, or after the longest wait.
     */
    void beforeReading(long position, int batchSize) {
        if (batchesAhead == 0 || batchSize <= 0) {
            return;
        }
        long allowed = (long) batchesAhead * batchSize;
        long deadline = nanoTime.getAsLong() + TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS);
        Thread me = Thread.currentThread();
        synchronized (this) {
            Stream mine = streams.computeIfAbsent(me, t -> new Stream());
            mine.position = position;
            mine.lastReadNanos = nanoTime.getAsLong();
            notifyAll();
            while (true) {
                long now = nanoTime.getAsLong();
                Long slowest = slowestOther(me, now);
                long left = deadline - now;
                if (slowest == null || position - slowest <= allowed || left <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    // A processor stopping interrupts its worker: let it read and see the stop.
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The position of the slowest other stream that read lately; streams that have not are forgotten. */
    private Long slowestOther(Thread me, long now) {
        Long slowest = null;
        long staleAfter = TimeUnit.MILLISECONDS.toNanos(STALE_MILLIS);
        for (Iterator<Map.Entry<Thread, Stream>> it = streams.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Thread, Stream> e = it.next();
            if (now - e.getValue().lastReadNanos > staleAfter) {
                it.remove();
            } else if (e.getKey() != me && (slowest == null || e.getValue().position < slowest)) {
                slowest = e.getValue().position;
            }
        }
        return slowest;
    }

    /** How many streams read lately (for tests). */
    synchronized int streams() {
        return streams.size();
    }
}
