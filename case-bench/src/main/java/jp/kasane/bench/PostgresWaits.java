package jp.kasane.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * What the application's PostgreSQL backends are doing ({@code -Dbench.pg-waits=true}): every 10 ms of a scenario's
 * measured window, each active client backend's wait event ("CPU" when it waits for none) and the first words of its
 * statement. Per scenario: how many backends were, on average, in each (wait, statement), and the statements seen
 * running longer than 100 ms with what they waited for. Off by default, since the sampler is itself a client of the
 * same database (about 100 small queries a second).
 */
final class PostgresWaits implements AutoCloseable {

    private static final long SLOW_MS = 100;

    private final Connection connection;
    private final BooleanSupplier measuring;
    private final Thread thread;
    private final StringBuilder report = new StringBuilder();
    private final Map<String, Long> counts = new TreeMap<>();
    private final Map<String, String> slow = new LinkedHashMap<>();
    private long samples;
    private volatile boolean running = true;

    PostgresWaits(Connection connection, BooleanSupplier measuring) {
        this.connection = connection;
        this.measuring = measuring;
        this.thread = new Thread(this::sample, "pg-waits");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        String sql = """
                select pid, coalesce(wait_event_type || ':' || wait_event, 'CPU') as waiting,
                       extract(epoch from clock_timestamp() - query_start) * 1000 as running_ms,
                       left(regexp_replace(query, '\\s+', ' ', 'g'), 80) as statement
                from pg_stat_activity
                where state = 'active' and backend_type = 'client backend' and pid <> pg_backend_pid()""";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            while (running) {
                if (measuring.getAsBoolean()) {
                    try (ResultSet rs = ps.executeQuery()) {
                        synchronized (this) {
                            samples++;
                            while (rs.next()) {
                                String statement = rs.getString("statement");
                                counts.merge(rs.getString("waiting") + " | " + statement, 1L, Long::sum);
                                double ms = rs.getDouble("running_ms");
                                if (ms > SLOW_MS) {
                                    slow.put(rs.getInt("pid") + statement, String.format(
                                            "| %s | %.0f | %s | %s |", java.time.Instant.now(), ms,
                                            rs.getString("waiting"), statement.replace("|", "\\|")));
                                }
                            }
                        }
                    }
                }
                Thread.sleep(10);
            }
        } catch (SQLException e) {
            if (running) {
                Benchmark.log("pg-waits stopped sampling: " + e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends a scenario's section: its samples are written out and forgotten. */
    synchronized void scenarioEnded(Scenario scenario) {
        report.append("## ").append(scenario.name().toLowerCase()).append("\n\n").append(samples)
                .append(" samples; backends on average in each wait and statement (the 30 most):\n\n")
                .append("| backends | wait | statement |\n| --- | --- | --- |\n");
        long n = Math.max(1, samples);
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(30)
                .forEach(e -> {
                    String[] parts = e.getKey().split(" \\| ", 2);
                    report.append(String.format("| %.3f | %s | %s |%n", e.getValue() / (double) n, parts[0],
                            parts[1].replace("|", "\\|")));
                });
        report.append("\nStatements seen running longer than ").append(SLOW_MS).append(" ms (last sample of each):\n\n")
                .append("| at | ms | wait | statement |\n| --- | --- | --- | --- |\n");
        slow.values().forEach(line -> report.append(line).append('\n'));
        report.append('\n');
        counts.clear();
        slow.clear();
        samples = 0;
    }

    synchronized String render() {
        return "# PostgreSQL waits per scenario\n\n" + report;
    }

    @Override
    public void close() throws Exception {
        running = false;
        thread.join(5_000);
        connection.close();
    }
}
