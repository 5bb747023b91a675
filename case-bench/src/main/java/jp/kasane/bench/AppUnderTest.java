package jp.kasane.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application as a city runs it out of the box ({@code java -jar case-api.jar}, embedded PostgreSQL 17
 * with fsync on), in a fresh data directory of its own. The baselines use the very same PostgreSQL, found through its
 * {@code postmaster.pid}.
 */
final class AppUnderTest implements AutoCloseable {

    private final Path dataDir;
    private final Path log;
    private final int port;
    private final Process process;

    private AppUnderTest(Path dataDir, Path log, int port, Process process) {
        this.dataDir = dataDir;
        this.log = log;
        this.port = port;
        this.process = process;
    }

    static AppUnderTest start(BenchSettings settings, Path jar, Path runDir) throws IOException, InterruptedException {
        Path dataDir = runDir.resolve("data");
        Files.createDirectories(dataDir);
        Path log = runDir.resolve("app.log");
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings.appJvmArgs());
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port,
                "--kasane.data-dir=" + dataDir.toAbsolutePath()));
        // appended: with -Dbench.pg-statements the application starts twice in the same run directory
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        AppUnderTest app = new AppUnderTest(dataDir, log, port, p);
        app.awaitReady(Duration.ofMinutes(3));
        return app;
    }

    int port() {
        return port;
    }

    /** The application's JVM. */
    long pid() {
        return process.pid();
    }

    /** The embedded PostgreSQL's postmaster, the parent of every backend. */
    long postmasterPid() throws IOException {
        return Long.parseLong(postmasterPidFile().get(0).trim());
    }

    /**
     * Has its PostgreSQL load {@code pg_stat_statements} from its next start on ({@link PostgresStatements}): a library
     * loaded only when the server starts, so the caller stops this application and starts it again on the same data.
     */
    void loadStatementStatistics() throws IOException, SQLException {
        try (Connection c = database(); java.sql.Statement s = c.createStatement()) {
            s.execute("alter system set shared_preload_libraries = 'pg_stat_statements'");
            // Planning is time spent outside execution: counted too, so a statement planned at every call shows.
            s.execute("alter system set pg_stat_statements.track_planning = on");
        }
    }

    /** A connection to the application's own PostgreSQL (the embedded cluster's superuser, localhost only). */
    Connection database() throws IOException, SQLException {
        String pgPort = postmasterPidFile().get(3).trim();
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + pgPort + "/kasane", "postgres", "");
    }

    /** The embedded cluster's {@code postmaster.pid}: pid, data directory, start time, port, … one per line. */
    private List<String> postmasterPidFile() throws IOException {
        return Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
    }

    private void awaitReady(Duration within) throws IOException, InterruptedException {
        Http http = new Http(port);
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("case-api.jar exited with " + process.exitValue() + "; see " + log);
            }
            if (http.get(null, "/actuator/health/readiness").status() == 200) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("case-api.jar was not ready within " + within + "; see " + log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: a graceful stop, the embedded PostgreSQL with it
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
