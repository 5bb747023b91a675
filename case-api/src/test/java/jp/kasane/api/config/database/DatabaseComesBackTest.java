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
 * DATABASE_UNAVAILABLE}, never 500; within 60 seconds the service takes writes again by itself, readiness is UP, and
 * every acknowledged write is in the case.
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

        List<Integer> answers = new ArrayList<>();
        int acknowledged = 0;
        Instant until = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(until)) {
            Response r = api.post("demo-houkatsu-north", consultations,
                    Map.of("occurredAt", "2026-04-10T01:00:00Z", "channel", "PHONE", "summary", "電話 " + answers.size()));
            answers.add(r.status());
            if (r.status() == 201) {
                acknowledged++;
            } else {
                assertThat(r.code()).as("a refusal while the database is gone").isEqualTo("DATABASE_UNAVAILABLE");
            }
        }
        assertThat(answers).as("2xx or 503, never 500").allMatch(s -> s == 201 || s == 503);

        int acknowledgedBeforeRecovery = acknowledged;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(api.get(null, "/actuator/health/readiness").status()).as("readiness").isEqualTo(200));
        assertThat(server.postmasterPid().orElseThrow()).as("a new postmaster").isNotEqualTo(postmaster.pid());
        assertThat(api.post("demo-houkatsu-north", consultations,
                Map.of("occurredAt", "2026-04-10T01:00:00Z", "channel", "PHONE", "summary", "回復後")).status()).isEqualTo(201);
        Response view = api.get("demo-houkatsu-north", "/api/v1/cases/" + c.caseId());
        assertThat(view.status()).isEqualTo(200);
        assertThat(view.body().get("consultations")).as("the opening, every acknowledged write, and the last one")
                .hasSize(1 + acknowledgedBeforeRecovery + 1);
    }
}
