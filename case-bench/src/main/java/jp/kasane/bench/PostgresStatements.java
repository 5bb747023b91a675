package jp.kasane.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Which statements the application's PostgreSQL spent its time on in each scenario's measured window
 * ({@code -Dbench.pg-statements=true}), from PostgreSQL's own {@code pg_stat_statements}: the extension is emptied when
 * a window opens and read when it closes. Each statement's calls and execution time per answer of the window say what
 * one request costs the database, statement by statement; the rebuild's, per event in the store. Off by default: the
 * extension must be loaded when the server starts, so the application is started twice
 * ({@link AppUnderTest#loadStatementStatistics}).
 */
final class PostgresStatements implements Clients.Window, AutoCloseable {

    private static final int TOP = 25;
    /** The application's database only: the benchmark's own statements run elsewhere. */
    private static final String KASANE = "where dbid = (select oid from pg_database where datname = 'kasane')";

    private final Connection connection;
    private final StringBuilder report = new StringBuilder();
    private java.util.List<Row> window;

    PostgresStatements(Connection connection) throws SQLException {
        this.connection = connection;
        try (Statement s = connection.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
        }
    }

    @Override
    public void opened() {
        try (Statement s = connection.createStatement()) {
            s.execute("select pg_stat_statements_reset()");
        } catch (SQLException e) {
            Benchmark.log("pg-statements not reset: " + e.getMessage());
        }
    }

    @Override
    public void closed() {
        String sql = """
                select calls, total_exec_time, plans, total_plan_time, rows, wal_bytes,
                       left(regexp_replace(query, '\\s+', ' ', 'g'), 110) as statement
                from pg_stat_statements
                """ + KASANE + " order by total_exec_time + total_plan_time desc limit " + TOP;
        String all = """
                select sum(calls) as calls, sum(total_exec_time) as total_exec_time, sum(plans) as plans,
                       sum(total_plan_time) as total_plan_time, sum(rows) as rows, sum(wal_bytes) as wal_bytes,
                       'all statements' as statement
                from pg_stat_statements
                """ + KASANE;
        window = new java.util.ArrayList<>();
        // the first row sums every statement of the window, the rest are the top ones
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery(all + " union all (" + sql + ")")) {
            while (rs.next()) {
                window.add(new Row(rs.getLong("calls"), rs.getDouble("total_exec_time"), rs.getLong("plans"),
                        rs.getDouble("total_plan_time"), rs.getLong("rows"), rs.getLong("wal_bytes"),
                        rs.getString("statement")));
            }
        } catch (SQLException e) {
            Benchmark.log("pg-statements not read: " + e.getMessage());
        }
    }

    private record Row(long calls, double totalMs, long plans, double planMs, long rows, long walBytes,
                       String statement) {
    }

    /** Ends a scenario's section, each statement per answer of its window. */
    void scenarioEnded(Scenario scenario, double answersPerSecond, double seconds) {
        sectionEnded(scenario.name().toLowerCase(), "answers", "answer", Math.max(1, answersPerSecond * seconds));
    }

    /** Ends the rebuild's section (its window: from the first replay request to the last read model caught up). */
    void rebuildEnded(long events) {
        sectionEnded("rebuild", "events in the store", "event in the store", Math.max(1, events));
    }

    private void sectionEnded(String name, String units, String unit, double answers) {
        report.append("## ").append(name).append("\n\n").append(String.format(
                "%,.0f %s in the window; the %d statements with the most execution and planning time, per %s"
                        + " (plans: how often it was planned; a statement planned at each call is not using a"
                        + " cached plan):%n%n", answers, units, TOP, unit))
                .append("| calls | ms | mean ms | plans | planning ms | rows | WAL bytes | statement |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        if (window != null) {
            window.forEach(r -> report.append(String.format("| %.2f | %.3f | %.3f | %.2f | %.3f | %.2f | %,.0f | %s |%n",
                    r.calls() / answers, r.totalMs() / answers, r.totalMs() / Math.max(1, r.calls()),
                    r.plans() / answers, r.planMs() / answers, r.rows() / answers, r.walBytes() / answers, r.statement().replace("|", "\\|"))));
        }
        report.append('\n');
        window = null;
    }

    String render() {
        return "# PostgreSQL statements per scenario (pg_stat_statements, measured windows)\n\n" + report;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
