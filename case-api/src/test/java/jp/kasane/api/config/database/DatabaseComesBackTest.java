package jp.kasane.api.config.database;

import jp.kasane.api.KasaneApplication;
import jp.kasane.api.config.axon.ProcessorStops;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.ApiConfiguration;
import jp.kasane.api.support.ProjectionTables;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded postmaster is supervised (docs/database.md "When the database fails"): after a {@code kill -9}, or a
 * {@code pg_ctl stop -m immediate}, the watchdog ({@link EmbeddedPostgresSupervisor}) starts it again on the same data
 * directory and port, PostgreSQL recovers from its WAL, and the pool reconnects. Writes sent meanwhile by concurrent
 * clients answer 2xx or {@code 503 DATABASE_UNAVAILABLE} within 5 s, never 500; within 60 seconds the service takes
 * writes again by itself and readiness is UP. Retrying every write with its Idempotency-Key then records each exactly
 * once (a 503 recorded nothing, a 201 was kept), and every projection equals a fresh rebuild of it.
 */
@SpringBootTest(classes = KasaneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "kasane.test.context=database-comes-back")
@ActiveProfiles("test")
@Import(ApiConfiguration.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DatabaseComesBackTest {

    static final int CLIENTS = 4;

    @Autowired
    Api api;
    @Autowired
    EmbeddedPostgresServer server;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ProcessorStops stops;

    @Test
    void after_a_kill_minus_9_the_postmaster_is_restarted_and_nothing_acknowledged_is_lost() throws Exception {
        survives("kill-9", postmaster -> {
            postmaster.destroyForcibly();
            postmaster.onExit().join();
        });
    }

    @Test
    void after_pg_ctl_stop_immediate_the_server_is_started_again_and_nothing_acknowledged_is_lost() throws Exception {
        survives("immediate", postmaster -> {
            // What pg_ctl stop -m immediate does: SIGQUIT to the postmaster, which stops every backend at once, with
            // no checkpoint, so the next start recovers from the WAL. (pg_ctl itself refuses to run as root, as
            // this test may; the signal is the same.)
            Process stop = new ProcessBuilder("kill", "-QUIT", Long.toString(postmaster.pid()))
                    .redirectErrorStream(true).start();
            assertThat(stop.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(stop.exitValue()).as(new String(stop.getInputStream().readAllBytes())).isZero();
            postmaster.onExit().join();
        });
    }

    interface Outage {
        void cause(ProcessHandle postmaster) throws Exception;
    }

    private void survives(String name, Outage outage) throws Exception {
        List<Api.OpenedCase> cases = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            cases.add(api.open8050("demo-houkatsu-north"));
        }
        ProcessHandle postmaster = ProcessHandle.of(server.postmasterPid().orElseThrow()).orElseThrow();

        // CLIENTS writers, one case each, each write with its own Idempotency-Key, as careful clients would.
        Map<String, Integer> answers = new ConcurrentHashMap<>();
        Instant until = Instant.now().plusSeconds(12);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < CLIENTS; w++) {
            String caseId = cases.get(w).caseId();
            writers.add(pool.submit(() -> {
                for (int i = 0; Instant.now().isBefore(until); i++) {
                    String key = name + "-" + caseId + "-" + i;
                    Instant start = Instant.now();
                    Response r = write(caseId, key);
                    assertThat(Duration.between(start, Instant.now())).as("answered within 5 s")
                            .isLessThan(Duration.ofSeconds(5));
                    assertThat(r.status()).as("2xx or 503, never 500: %s", r.body()).isIn(201, 503);
                    if (r.status() == 503) {
                        assertThat(r.code()).isEqualTo("DATABASE_UNAVAILABLE");
                        assertThat(r.header("Retry-After")).isNotNull();
                    }
                    answers.put(key, r.status());
                }
                return null;
            }));
        }
        Thread.sleep(1000); // writes in flight before the outage
        outage.cause(postmaster);
        for (Future<?> writer : writers) {
            writer.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(answers.values()).as("some writes were refused while the database was gone").contains(503);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(api.get(null, "/actuator/health/readiness").status()).as("readiness").isEqualTo(200));
        assertThat(server.postmasterPid().orElseThrow()).as("a new postmaster").isNotEqualTo(postmaster.pid());

        // Write-ahead honesty: a 503 recorded nothing, so its retry with the same key records it once; a 201 was
        // recorded, so its retry replays the first answer and records nothing new.
        for (Map.Entry<String, Integer> answer : answers.entrySet()) {
            String caseId = answer.getKey().substring(name.length() + 1, answer.getKey().lastIndexOf('-'));
            Response again = write(caseId, answer.getKey());
            if (answer.getValue() == 201) {
                assertThat(again.header("Idempotent-Replayed")).as("retry of acknowledged %s", answer.getKey()).isEqualTo("true");
            } else {
                assertThat(again.status()).as("retry of refused %s", answer.getKey()).isEqualTo(201);
            }
        }
        for (Api.OpenedCase c : cases) {
            long written = answers.keySet().stream().filter(k -> k.startsWith(name + "-" + c.caseId() + "-")).count();
            Response view = api.get("demo-houkatsu-north", "/api/v1/cases/" + c.caseId());
            assertThat(view.body().get("consultations")).as("the opening and each write exactly once")
                    .hasSize(1 + (int) written);
        }

        // The projections converged: what they hold equals what a rebuild from the store gives.
        ProjectionTables projections = new ProjectionTables(jdbc, processing, stops);
        projections.awaitCaughtUp(Duration.ofSeconds(60));
        Map<String, List<String>> converged = projections.contents();
        projections.rebuild(Duration.ofSeconds(120));
        assertThat(projections.contents()).isEqualTo(converged);
    }

    private Response write(String caseId, String key) {
        return api.post("demo-houkatsu-north", "/api/v1/cases/" + caseId + "/consultations",
                Map.of("occurredAt", "2026-04-10T01:00:00Z", "channel", "PHONE", "summary", "電話 " + key),
                Map.of("Idempotency-Key", key));
    }
}
