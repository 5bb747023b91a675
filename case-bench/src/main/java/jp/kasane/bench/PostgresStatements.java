package jp.kasane.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Which statements the application's PostgreSQL spent its time on in each scenario's measured window
 * ({@code -Dbench.pg-statements=true}), from PostgreSQL's own {@code pg_stat_statements}: the extension is emptied when
 * a window opens and read when it closes. Each statement's calls and execution time per answer of the window say what
 * one request costs the database, statement by statement. Off by default: the extension must be loaded when the
 * server starts, so the application is started twice ({@link AppUnderTest#loadStatementStatistics}).
 */
final class PostgresStatements implements Clients.Window, AutoCloseable {

    private static final int TOP = 25;

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
                select calls, total_exec_time, rows, wal_bytes,
                       left(regexp_replace(query, '\\s+', ' ', 'g'), 110) as statement
                from pg_stat_statements
                where dbid = (select oid from pg_database where datname = 'kasane')
                order by total_exec_time desc limit""" + " " + TOP;
        window = new java.util.ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                window.add(new Row(rs.getLong("calls"), rs.getDouble("total_exec_time"), rs.getLong("rows"),
                        rs.getLong("wal_bytes"), rs.getString("statement")));
            }
        } catch (SQLException e) {
            Benchmark.log("pg-statements not read: " + e.getMessage());
        }
    }

    private record Row(long calls, double totalMs, long rows, long walBytes, String statement) {
    }

    /** Ends a scenario's section, each statement per answer of its window. */
    void scenarioEnded(Scenario scenario, double answersPerSecond, double seconds) {
        double answers = Math.max(1, answersPerSecond * seconds);
        report.append("## ").append(scenario.name().toLowerCase()).append("\n\n").append(String.format(
                "%,.0f answers in the window; the %d statements with the most execution time (not counting planning),"
                        + " per answer:%n%n", answers, TOP))
                .append("| calls | ms | mean ms | rows | WAL bytes | statement |\n")
                .append("| --- | --- | --- | --- | --- | --- |\n");
        if (window != null) {
            window.forEach(r -> report.append(String.format("| %.2f | %.3f | %.3f | %.2f | %,.0f | %s |%n",
                    r.calls() / answers, r.totalMs() / answers, r.totalMs() / Math.max(1, r.calls()),
                    r.rows() / answers, r.walBytes() / answers, r.statement().replace("|", "\\|"))));
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
