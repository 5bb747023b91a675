package jp.kasane.api.config.database;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class DatabaseFailureAnalyzerTest {

    private static final String PASSWORD = "hunter2-secret";

    @Test
    void reportsARefusedConnectionInOneLineWithoutThePassword() throws Exception {
        int closedPort = freePort();
        String url = "jdbc:postgresql://localhost:" + closedPort + "/kasane?password=" + PASSWORD;
        MockEnvironment environment = environment(url);

        Throwable failure = catchThrowable(() -> DatabaseStartupCheck.checkExternal(environment));
        assertThat(failure).isInstanceOf(DatabaseUnreachableException.class);

        FailureAnalysis analysis = new DatabaseFailureAnalyzer(environment).analyze(failure);
        assertThat(analysis.getDescription()).isEqualTo("Kasane cannot reach its database at jdbc:postgresql://"
                + "localhost:" + closedPort + "/kasane?password=******: Connection refused.");
        assertThat(analysis.getAction()).contains("spring.datasource.url").doesNotContain("\n");
        assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(PASSWORD);
    }

    @Test
    void findsTheConnectionFailureDeepInTheCauseChainWhereFlywayPutsIt() throws Exception {
        String url = "jdbc:postgresql://localhost:" + freePort() + "/kasane";
        SQLException refused = catchThrowableOfType(() -> DriverManager.getConnection(url, "kasane", PASSWORD));
        Throwable failure = new BeanCreationException("flywayInitializer", "Invocation of init method failed",
                new RuntimeException("Unable to obtain connection from database: " + refused.getMessage()
                        + "\n------\nSQL State  : 08001", refused));

        FailureAnalysis analysis = new DatabaseFailureAnalyzer(environment(url)).analyze(failure);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
                .isEqualTo("Kasane cannot reach its database at " + url + ": Connection refused.");
        assertThat(analysis.getCause()).isSameAs(refused);
    }

    @Test
    void reportsARefusedLoginWithTheUserButNeverThePassword() {
        SQLException wrongPassword = new SQLException(
                "FATAL: password authentication failed for user \"kasane\" (" + PASSWORD + ")", "28P01");
        FailureAnalysis analysis = new DatabaseFailureAnalyzer(environment("jdbc:postgresql://db.city.example/kasane"))
                .analyze(new IllegalStateException("pool", wrongPassword));

        assertThat(analysis.getDescription()).startsWith("Kasane cannot reach its database at "
                + "jdbc:postgresql://db.city.example/kasane: password authentication failed for user \"kasane\"");
        assertThat(analysis.getDescription()).doesNotContain(PASSWORD).doesNotContain("\n");
    }

    @Test
    void reportsAnEmbeddedDatabaseFailureWithItsAction() {
        EmbeddedDatabaseException embedded = new EmbeddedDatabaseException(Path.of("/srv/kasane"),
                "Kasane cannot start its embedded PostgreSQL: /srv/kasane is not writable",
                "Make kasane.data-dir writable.");
        FailureAnalysis analysis = new DatabaseFailureAnalyzer(new MockEnvironment())
                .analyze(new BeanCreationException("embeddedPostgresServer", "failed", embedded));

        assertThat(analysis.getDescription())
                .isEqualTo("Kasane cannot start its embedded PostgreSQL: /srv/kasane is not writable.");
        assertThat(analysis.getAction()).isEqualTo("Make kasane.data-dir writable.");
    }

    @Test
    void leavesOtherFailuresToTheirOwnAnalyzers() {
        DatabaseFailureAnalyzer analyzer = new DatabaseFailureAnalyzer(environment("jdbc:postgresql://x/kasane"));
        assertThat(analyzer.analyze(new IllegalStateException("no"))).isNull();
        assertThat(analyzer.analyze(new BeanCreationException("flywayInitializer", "Migration failed",
                new SQLException("syntax error at or near \"CREAT\"", "42601")))).isNull();
    }

    @Test
    void masksPasswordsInUrls() {
        assertThat(DatabaseFailureAnalyzer.maskUrl("jdbc:postgresql://h:5432/db?user=u&password=p&ssl=true"))
                .isEqualTo("jdbc:postgresql://h:5432/db?user=u&password=******&ssl=true");
        assertThat(DatabaseFailureAnalyzer.maskUrl("jdbc:postgresql://u:p4ss@h/db"))
                .isEqualTo("jdbc:postgresql://u:******@h/db");
        assertThat(DatabaseFailureAnalyzer.maskUrl("jdbc:postgresql://h/db")).isEqualTo("jdbc:postgresql://h/db");
    }

    @Test
    void startupCheckRefusesADataDirectoryThatIsAFile() throws Exception {
        Path file = java.nio.file.Files.createTempFile("kasane-data", ".txt");
        try {
            assertThatThrownBy(() -> EmbeddedPostgresServer.checkDataDirectory(file))
                    .isInstanceOf(EmbeddedDatabaseException.class)
                    .hasMessageContaining("is not a directory");
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    private static MockEnvironment environment(String url) {
        return new MockEnvironment()
                .withProperty("spring.datasource.url", url)
                .withProperty("spring.datasource.username", "kasane")
                .withProperty("spring.datasource.password", PASSWORD);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort(); // closed again: nothing listens there
        }
    }

    private static SQLException catchThrowableOfType(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(SQLException.class);
        return (SQLException) thrown;
    }
}
