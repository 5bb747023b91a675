package jp.kasane.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What runs beside the clients: the projection lag probe and the heap sampler.
 * <ul>
 *     <li><b>Lag</b>: the CSW (whose caseload nothing else touches) opens a case every 200 ms and polls its caseload
 *     until the case is on top: the time from the 201 to the first answer that shows it, as a caseworker waits for it.
 *     Only cases acknowledged in a scenario's measured window count, as for the requests' latencies.</li>
 *     <li><b>Heap</b>: the application's used heap ({@code jvm.memory.used}, area heap) every 500 ms; its peak.</li>
 * </ul>
 */
final class Probes implements AutoCloseable {

    static final String PROBE = "demo-csw-north";
    static final String ADMIN = "demo-admin";

    private final Http http;
    /** A lag sample: when the 201 came (System.nanoTime and wall clock) and how long until the case was seen. */
    record Lag(long acknowledgedNanos, java.time.Instant acknowledgedAt, long nanos) {
    }

    private final List<Lag> lags = new ArrayList<>();
    private final AtomicLong lagTimeouts = new AtomicLong();
    private final AtomicLong heapPeak = new AtomicLong();
    private volatile boolean measuringLag;
    private volatile boolean running = true;
    private final Thread lagThread;
    private final Thread heapThread;

    Probes(Http http) {
        this.http = http;
        this.lagThread = new Thread(this::probeLag, "lag-probe");
        this.heapThread = new Thread(this::sampleHeap, "heap-sampler");
        lagThread.setDaemon(true);
        heapThread.setDaemon(true);
        lagThread.start();
        heapThread.start();
    }

    void measureLag(boolean on) {
        measuringLag = on;
    }

    /** The lags of the cases acknowledged within [from, until) (System.nanoTime), sorted. */
    synchronized long[] lagsNanos(long from, long until) {
        long[] out = within(from, until).stream().mapToLong(Lag::nanos).toArray();
        Arrays.sort(out);
        return out;
    }

    synchronized List<Lag> within(long from, long until) {
        return lags.stream().filter(l -> l.acknowledgedNanos() >= from && l.acknowledgedNanos() < until).toList();
    }

    /** Every lag sample since the last reset, the warm-up's too. */
    synchronized List<Lag> all() {
        return List.copyOf(lags);
    }

    synchronized void resetLags() {
        lags.clear();
    }

    long lagTimeouts() {
        return lagTimeouts.get();
    }

    long heapPeakBytes() {
        return heapPeak.get();
    }

    private void probeLag() {
        while (running) {
            try {
                if (!measuringLag) {
                    Thread.sleep(100);
                    continue;
                }
                Http.Answer opened = Population.open(http, PROBE);
                if (opened.status() != 201) {
                    Thread.sleep(200);
                    continue;
                }
                String caseId = opened.text("caseId");
                long acknowledged = System.nanoTime();
                java.time.Instant acknowledgedAt = java.time.Instant.now();
                long deadline = acknowledged + 30_000_000_000L;
                boolean seen = false;
                while (System.nanoTime() < deadline && running) {
                    Http.Answer caseload = http.get(PROBE, "/api/v1/caseload?size=1");
                    if (caseload.status() == 200 && caseId.equals(
                            caseload.json().path("items").path(0).path("caseId").asText())) {
                        seen = true;
                        break;
                    }
                    Thread.sleep(5);
                }
                long lag = System.nanoTime() - acknowledged;
                if (seen) {
                    synchronized (this) {
                        if (measuringLag) {
                            lags.add(new Lag(acknowledged, acknowledgedAt, lag));
                        }
                    }
                } else {
                    lagTimeouts.incrementAndGet();
                }
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sampleHeap() {
        while (running) {
            Http.Answer a = http.get(ADMIN, "/actuator/metrics/jvm.memory.used?tag=area:heap");
            if (a.status() == 200) {
                long used = (long) a.json().path("measurements").path(0).path("value").asDouble();
                heapPeak.accumulateAndGet(used, Math::max);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        lagThread.interrupt();
        heapThread.interrupt();
        lagThread.join(5_000);
        heapThread.join(5_000);
    }
}
