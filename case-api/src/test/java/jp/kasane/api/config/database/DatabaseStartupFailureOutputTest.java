package jp.kasane.api.config.database;

import jp.kasane.api.KasaneApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole startup path through Spring Boot (spring.factories registration, failure analysis, logging): a wrong
 * database gives one short report and no stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseStartupFailureOutputTest {

    @Test
    void anUnreachableExternalDatabaseIsReportedInOneShortReport(CapturedOutput output) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://localhost:" + closedPort + "/x";

        assertThatThrownBy(() -> new SpringApplicationBuilder(KasaneApplication.class)
                .web(WebApplicationType.NONE)
                .run("--spring.datasource.url=" + url, "--spring.datasource.username=a",
                        "--spring.datasource.password=s3cret-b"))
                .hasRootCauseInstanceOf(java.net.ConnectException.class);

        String text = output.getAll();
        assertThat(text).contains("Kasane cannot reach its database at " + url + ": Connection refused.");
        assertThat(text).doesNotContain("s3cret-b");
        assertThat(text).doesNotContainPattern("(?m)^\\s+at [a-z]");  // no stack trace
        assertThat(text).doesNotContain("Caused by");
        assertThat(text.lines().filter(l -> !l.isBlank()).count()).isLessThan(15);
    }

    @Test
    void anUnusableDataDirectoryIsReportedInOneShortReport(CapturedOutput output) throws Exception {
        Path file = Files.createTempFile("kasane-data", ".txt");
        try {
            assertThatThrownBy(() -> new SpringApplicationBuilder(KasaneApplication.class)
                    .web(WebApplicationType.NONE)
                    .run("--kasane.data-dir=" + file))
                    .isInstanceOf(EmbeddedDatabaseException.class);

            String text = output.getAll();
            assertThat(text).contains("Kasane cannot start its embedded PostgreSQL: kasane.data-dir "
                    + file.toAbsolutePath() + " is not a directory.");
            assertThat(text).doesNotContainPattern("(?m)^\\s+at [a-z]");
            assertThat(text.lines().filter(l -> !l.isBlank()).count()).isLessThan(15);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
