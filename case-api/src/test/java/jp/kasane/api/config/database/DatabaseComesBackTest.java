package jp.kasane.api.config.database;

import jp.kasane.api.KasaneApplication;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.ApiConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded postmaster is supervised (docs/database.md "When the database fails"): after a {@code kill -9} the
 * watchdog ({@link EmbeddedPostgresSupervisor}) starts it again on the same data directory and port, PostgreSQL
 * recovers from its WAL, and the pool reconnects. Writes sent meanwhile answer 2xx or {@code 503
 * DATABASE_UNAVAILABLE}, never 500; within 60 seconds the service takes writes again by itself and readiness is UP.
 * Retrying every write with its Idempotency-Key then records each exactly once: a 503 recorded nothing, a 201
 * was kept.
 */
@SpringBootTest(classes = KasaneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "kasane.test.context=database-comes-back")
@ActiveProfiles("test")
@Import(ApiConfiguration.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DatabaseComesBackTest {

    @Autowired
    Api api;
    @Autowired
    EmbeddedPostgresServer server;

    @Test
    void after_a_kill_the_postmaster_is_restarted_and_nothing_acknowledged_is_lost() {
        Api.OpenedCase c = api.open8050("demo-houkatsu-north");
        String consultations = "/api/v1/cases/" + c.caseId() + "/consultations";
        ProcessHandle postmaster = ProcessHandle.of(server.postmasterPid().orElseThrow()).orElseThrow();
        postmaster.destroyForcibly();
        postmaster.onExit().join();

        // Each write carries its own Idempotency-Key, as a careful client's would.
        List<Integer> answers = new ArrayList<>();
        Instant until = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(until)) {
            Response r = write(consultations, answers.size());
            answers.add(r.status());
            if (r.status() != 201) {
                assertThat(r.code()).as("a refusal while the database is gone").isEqualTo("DATABASE_UNAVAILABLE");
                assertThat(r.header("Retry-After")).isNotNull();
            }
        }
        assertThat(answers).as("2xx or 503, never 500").allMatch(s -> s == 201 || s == 503);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(api.get(null, "/actuator/health/readiness").status()).as("readiness").isEqualTo(200));
        assertThat(server.postmasterPid().orElseThrow()).as("a new postmaster").isNotEqualTo(postmaster.pid());

        // Write-ahead honesty: a 503 recorded nothing, so its retry with the same key records it once; a 201 was
        // recorded, so its retry replays the first answer and records nothing new.
        for (int i = 0; i < answers.size(); i++) {
            Response again = write(consultations, i);
            if (answers.get(i) == 201) {
                assertThat(again.header("Idempotent-Replayed")).as("retry of acknowledged write %d", i).isEqualTo("true");
            } else {
                assertThat(again.status()).as("retry of refused write %d", i).isEqualTo(201);
            }
        }
        Response view = api.get("demo-houkatsu-north", "/api/v1/cases/" + c.caseId());
        assertThat(view.status()).isEqualTo(200);
        assertThat(view.body().get("consultations")).as("the opening and each write exactly once").hasSize(1 + answers.size());
    }

    private Response write(String consultations, int i) {
        return api.post("demo-houkatsu-north", consultations,
                Map.of("occurredAt", "2026-04-10T01:00:00Z", "channel", "PHONE", "summary", "電話 " + i),
                Map.of("Idempotency-Key", "comes-back-" + i));
    }
}
