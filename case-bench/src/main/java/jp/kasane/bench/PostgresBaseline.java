package jp.kasane.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the same PostgreSQL does alone, measured in the same run: the yardstick of every figure.
 * <ul>
 *     <li><b>insert</b>: N connections, each committing one event-shaped row per transaction (a 1 KiB payload, a unique
 *     (aggregate, sequence), a global index), as fast as they can: the most durable writes per second this database
 *     and disk give;</li>
 *     <li><b>sequential read</b>: one connection reading those rows back in global order, streamed: what a rebuild
 *     of the projections is measured against.</li>
 * </ul>
 * The rows live in a table of their own ({@code bench_baseline_event}), dropped at the end.
 */
final class PostgresBaseline {

    record Rates(double insertsPerSecond, double insertP50, double insertP99, long rows, double readRowsPerSecond) {
    }

    private final AppUnderTest app;

    PostgresBaseline(AppUnderTest app) {
        this.app = app;
    }

    Rates measure(int clients, Duration warmup, Duration duration) throws Exception {
        try (Connection c = app.database(); Statement s = c.createStatement()) {
            s.execute("""
                    create table bench_baseline_event (
                        global_index   bigserial primary key,
                        aggregate_id   varchar(255) not null,
                        sequence_number bigint not null,
                        type           varchar(255) not null,
                        time_stamp     varchar(255) not null,
                        payload        bytea not null,
                        meta_data      bytea,
                        unique (aggregate_id, sequence_number))""");
        }
        try {
            insertAll(clients, warmup);
            long[][] latencies = insertAll(clients, duration);
            long total = 0;
            List<Long> all = new ArrayList<>();
            for (long[] l : latencies) {
                total += l.length;
                for (long v : l) {
                    all.add(v);
                }
            }
            long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
            double rate = total / (duration.toNanos() / 1e9);
            long rows;
            double readRate;
            try (Connection c = app.database()) {
                c.setAutoCommit(false); // a cursor: stream the rows, do not hold them all
                long t0 = System.nanoTime();
                rows = 0;
                try (PreparedStatement ps = c.prepareStatement(
                        "select global_index, aggregate_id, sequence_number, type, time_stamp, payload, meta_data"
                                + " from bench_baseline_event order by global_index")) {
                    ps.setFetchSize(1_000);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rs.getBytes(6);
                            rows++;
                        }
                    }
                }
                readRate = rows / ((System.nanoTime() - t0) / 1e9);
                c.commit();
            }
            return new Rates(rate, Latencies.ms(sorted, 0.5), Latencies.ms(sorted, 0.99), rows, readRate);
        } finally {
            try (Connection c = app.database(); Statement s = c.createStatement()) {
                s.execute("drop table bench_baseline_event");
                s.execute("vacuum");
            }
        }
    }

    private long[][] insertAll(int clients, Duration duration) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long deadline = System.nanoTime() + duration.toNanos();
            List<Future<long[]>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                futures.add(pool.submit((Callable<long[]>) () -> insertUntil(deadline)));
            }
            long[][] out = new long[clients][];
            for (int i = 0; i < clients; i++) {
                out[i] = futures.get(i).get();
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private long[] insertUntil(long deadline) throws Exception {
        byte[] payload = new byte[1024];
        long[] latencies = new long[1 << 16];
        int n = 0;
        String aggregate = UUID.randomUUID().toString();
        try (Connection c = app.database(); PreparedStatement ps = c.prepareStatement(
                "insert into bench_baseline_event (aggregate_id, sequence_number, type, time_stamp, payload, meta_data)"
                        + " values (?, ?, ?, ?, ?, ?)")) {
            c.setAutoCommit(true); // one transaction, one commit, per row
            for (long seq = 0; System.nanoTime() < deadline; seq++) {
                ThreadLocalRandom.current().nextBytes(payload);
                long t0 = System.nanoTime();
                ps.setString(1, aggregate);
                ps.setLong(2, seq);
                ps.setString(3, "kasane.ConsultationRecorded");
                ps.setString(4, java.time.Instant.now().toString());
                ps.setBytes(5, payload);
                ps.setBytes(6, "{\"correlationId\":\"x\"}".getBytes());
                ps.executeUpdate();
                if (n == latencies.length) {
                    latencies = java.util.Arrays.copyOf(latencies, n * 2);
                }
                latencies[n++] = System.nanoTime() - t0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("baseline insert failed", e);
        }
        return java.util.Arrays.copyOf(latencies, n);
    }
}
