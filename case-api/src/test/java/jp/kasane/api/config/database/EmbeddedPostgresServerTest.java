package jp.kasane.api.config.database;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded server on its own, no Spring: persistence across restarts, stale lock files, refusals. */
class EmbeddedPostgresServerTest {

    @TempDir
    Path dataDir;

    @Test
    void keepsRowsAcrossStopAndStart() throws Exception {
        long firstPid;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            assertThat(server.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:" + server.port() + "/kasane");
            assertThat(server.clusterDirectory()).isEqualTo(dataDir.toAbsolutePath().resolve("postgres"));
            assertThat(Files.exists(server.clusterDirectory().resolve("PG_VERSION"))).isTrue();
            firstPid = server.postmasterPid().orElseThrow();
            execute(server, "CREATE TABLE support_case (id text PRIMARY KEY, title text)",
                    "INSERT INTO support_case VALUES ('c-1', '8050 世帯の相談')");
        }
        assertThat(PostmasterPidFile.isRunning(firstPid))
                .as("postmaster stopped on close").isFalse();
        assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            assertThat(query(server, "SELECT title FROM support_case WHERE id = 'c-1'"))
                    .containsExactly("8050 世帯の相談");
        }
    }

    @Test
    void runsDurableAndLocalOnly() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            // zonky's test defaults (-F, synchronous_commit=off) must not survive into a system of record.
            assertThat(query(server, "SHOW fsync")).containsExactly("on");
            assertThat(query(server, "SHOW synchronous_commit")).containsExactly("on");
            assertThat(query(server, "SHOW listen_addresses")).containsExactly("localhost");
            assertThat(query(server, "SHOW unix_socket_directories")).containsExactly("");
            assertThat(query(server, "SELECT current_database()")).containsExactly("kasane");
            assertThat(query(server, "SELECT datcollate FROM pg_database WHERE datname = 'kasane'"))
                    .containsExactly("C");
            assertThat(query(server, "SELECT split_part(current_setting('server_version'), '.', 1)"))
                    .containsExactly("17");
        }
    }

    @Test
    void refusesASecondServerOnTheSameDataDirectory() {
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(dataDir)) {
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir))
                    .isInstanceOf(EmbeddedDatabaseException.class)
                    .hasMessageContaining("in use by another running Kasane")
                    .hasMessageNotContaining("\n");
            // The check made before the Spring context starts says the same.
            assertThatThrownBy(() -> EmbeddedPostgresServer.checkDataDirectory(dataDir))
                    .isInstanceOf(EmbeddedDatabaseException.class)
                    .hasMessageContaining("in use by another running Kasane");
            // ... and the refusals did not harm the running one.
            assertThat(PostmasterPidFile.isRunning(first.postmasterPid().orElseThrow())).isTrue();
        }
    }

    @Test
    void startsDespiteAPidFileOfADeadProcess() throws Exception {
        EmbeddedPostgresServer.start(dataDir).close();
        Process shortLived = new ProcessBuilder("true").start();
        assertThat(shortLived.waitFor(10, TimeUnit.SECONDS)).isTrue();
        writePidFile(shortLived.pid());

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            assertThat(query(server, "SELECT 1")).containsExactly("1");
            assertThat(server.postmasterPid().orElseThrow()).isNotEqualTo(shortLived.pid());
        }
    }

    @Test
    void startsDespiteAPidFileNamingALiveUnrelatedProcessAndLeavesThatProcessAlone() throws Exception {
        EmbeddedPostgresServer.start(dataDir).close();
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        try {
            writePidFile(unrelated.pid());
            try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
                assertThat(query(server, "SELECT 1")).containsExactly("1");
            }
            assertThat(unrelated.isAlive()).as("a process that is not our postgres is never signalled").isTrue();
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void failsInOneLineWhenTheDataDirectoryIsAFile() throws Exception {
        Path file = Files.writeString(dataDir.resolve("not-a-directory"), "x");
        assertThatThrownBy(() -> EmbeddedPostgresServer.start(file))
                .isInstanceOf(EmbeddedDatabaseException.class)
                .hasMessageContaining("is not a directory")
                .hasMessageNotContaining("\n");
    }

    @Test
    void failsInOneLineWithPostgresOwnReasonWhenTheClusterDirectoryHoldsSomethingElse() throws Exception {
        Files.createDirectories(dataDir.resolve("postgres"));
        Files.writeString(dataDir.resolve("postgres/notes.txt"), "not a database");
        assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir))
                .isInstanceOf(EmbeddedDatabaseException.class)
                .hasMessageContaining("initdb: error: directory")
                .hasMessageContaining("exists but is not empty")
                .hasMessageNotContaining("\n");
        // and the data directory is free again for the next attempt
        EmbeddedPostgresServer.checkDataDirectory(dataDir);
    }

    private void writePidFile(long pid) throws Exception {
        Path cluster = dataDir.toAbsolutePath().resolve("postgres");
        Files.writeString(cluster.resolve("postmaster.pid"),
                pid + "\n" + cluster + "\n1700000000\n54321\n\nlocalhost\n  1234567  7\nready   \n",
                StandardCharsets.UTF_8);
    }

    static void execute(EmbeddedPostgresServer server, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.username(), null);
             Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    static List<String> query(EmbeddedPostgresServer server, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.username(), null);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }
}
