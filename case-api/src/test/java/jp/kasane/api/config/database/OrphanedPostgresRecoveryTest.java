package jp.kasane.api.config.database;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static jp.kasane.api.config.database.EmbeddedPostgresServerTest.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code kill -9} of the Java process: a child JVM starts the embedded server, commits a row and is killed with
 * SIGKILL. Its PostgreSQL lives on as an orphan holding the cluster. The next start must stop it and carry on with
 * the same data.
 */
class OrphanedPostgresRecoveryTest {

    @TempDir
    Path dataDir;

    @Test
    void nextStartStopsThePostgresOrphanedByAKilledJvmAndKeepsItsData() throws Exception {
        long orphan = startInChildJvmAndKillIt();
        assertThat(isRunning(orphan)).as("the killed JVM's postgres lives on as an orphan").isTrue();

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            assertThat(isRunning(orphan)).as("the orphan was stopped").isFalse();
            assertThat(server.postmasterPid().orElseThrow()).isNotEqualTo(orphan);
            assertThat(query(server, "SELECT note FROM written_before_kill")).containsExactly("committed");
        }
    }

    @Test
    void nextStartAlsoStopsAnOrphanThatStillHasAClient() throws Exception {
        long orphan = startInChildJvmAndKillIt();
        int orphanPort = PostmasterPidFile.read(dataDir.toAbsolutePath().resolve("postgres")).orElseThrow().port();
        // A client still connected (an operator's psql, say): smart shutdown alone would wait for it forever.
        try (Connection client = DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + orphanPort + "/kasane", "postgres", null)) {
            long started = System.nanoTime();
            try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
                assertThat(isRunning(orphan)).isFalse();
                assertThat(query(server, "SELECT note FROM written_before_kill")).containsExactly("committed");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
            assertThat(client.isValid(2)).as("the orphan's client was disconnected").isFalse();
        }
    }

    /** Starts {@link ChildJvm} on {@link #dataDir}, waits for its row, SIGKILLs it; returns its postmaster's pid. */
    private long startInChildJvmAndKillIt() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ChildJvm.class.getName(), dataDir.toString())
                .redirectErrorStream(true)
                .start();
        List<String> output = new ArrayList<>();
        CompletableFuture<Long> ready = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (output) {
                        output.add(line);
                    }
                    if (line.startsWith("READY ")) {
                        return Long.parseLong(line.substring(6).trim());
                    }
                }
                return -1L;
            } catch (Exception e) {
                return -1L;
            }
        });
        long postmaster;
        try {
            postmaster = ready.get(90, TimeUnit.SECONDS);
        } catch (Exception e) {
            child.destroyForcibly();
            synchronized (output) {
                fail("child JVM did not start its database: " + String.join("\n", output));
            }
            return -1;
        }
        if (postmaster <= 0) {
            fail("child JVM did not start its database: " + String.join("\n", output));
        }
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no Spring, nothing runs
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return postmaster;
    }

    private static boolean isRunning(long pid) {
        return PostmasterPidFile.isRunning(pid);
    }

    /** The JVM that gets killed. */
    public static final class ChildJvm {
        public static void main(String[] args) throws Exception {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]));
            EmbeddedPostgresServerTest.execute(server,
                    "CREATE TABLE written_before_kill (note text)",
                    "INSERT INTO written_before_kill VALUES ('committed')");
            System.out.println("READY " + server.postmasterPid().orElseThrow());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
