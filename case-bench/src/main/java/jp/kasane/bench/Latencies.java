package jp.kasane.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Every answer of one scenario by request kind: each latency kept (a run has at most a few hundred thousand). */
final class Latencies {

    /** One kind's figures over a measured window. */
    record Summary(String kind, long count, long errors, double perSecond, double p50, double p95, double p99, double max,
                   Map<String, Long> errorStatuses) {
    }

    private static final class Kind {
        long[] nanos = new long[1024];
        int n;
        final AtomicLong errors = new AtomicLong();
        /** Refusals by status and problem code ("409 INVALID_TRANSITION"), to tell a race from a bug. */
        final Map<String, AtomicLong> statuses = new ConcurrentHashMap<>();

        synchronized void add(long value) {
            if (n == nanos.length) {
                nanos = Arrays.copyOf(nanos, n * 2);
            }
            nanos[n++] = value;
        }

        synchronized long[] sorted() {
            long[] copy = Arrays.copyOf(nanos, n);
            Arrays.sort(copy);
            return copy;
        }
    }

    private final Map<String, Kind> kinds = new ConcurrentHashMap<>();
    private volatile boolean recording;

    void recording(boolean on) {
        recording = on;
    }

    /** Records an answer; a status outside 2xx is an error (and its latency is not counted as a success). */
    void record(String kind, Http.Answer a) {
        if (!recording) {
            return;
        }
        Kind k = kinds.computeIfAbsent(kind, x -> new Kind());
        if (a.status() >= 200 && a.status() < 300) {
            k.add(a.nanos());
        } else {
            k.errors.incrementAndGet();
            k.statuses.computeIfAbsent(a.refusal(), s -> new AtomicLong()).incrementAndGet();
        }
    }

    Map<String, Summary> summaries(double seconds) {
        Map<String, Summary> out = new TreeMap<>();
        kinds.forEach((name, k) -> {
            long[] s = k.sorted();
            Map<String, Long> statuses = new TreeMap<>();
            k.statuses.forEach((status, count) -> statuses.put(status, count.get()));
            out.put(name, new Summary(name, s.length, k.errors.get(), s.length / seconds, ms(s, 0.50), ms(s, 0.95),
                    ms(s, 0.99), s.length == 0 ? Double.NaN : s[s.length - 1] / 1e6, statuses));
        });
        return out;
    }

    static double ms(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }
}
