package jp.kasane.api.web.idempotency;

import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.api.support.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idempotency records expire (docs/api.md "Headers"): within 7 days a retry with the same key replays the first
 * answer; after them the key is forgotten, the retry is a new request, and the hourly purge deletes the record.
 */
@KasaneIntegrationTest
class IdempotencyExpiryTest {

    @Autowired
    Api api;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    IdempotentWrites writes;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void a_key_is_remembered_for_seven_days_and_then_forgotten() {
        Api.OpenedCase c = api.open8050("demo-houkatsu-north");
        String key = "expiry-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("occurredAt", "2026-04-10T01:00:00Z", "channel", "PHONE", "summary", "電話");
        Response first = api.post("demo-houkatsu-north", "/api/v1/cases/" + c.caseId() + "/consultations", body,
                Map.of("Idempotency-Key", key));
        assertThat(first.status()).isEqualTo(201);

        clock.advance(Duration.ofDays(6));
        Response replay = api.post("demo-houkatsu-north", "/api/v1/cases/" + c.caseId() + "/consultations", body,
                Map.of("Idempotency-Key", key));
        assertThat(replay.header("Idempotent-Replayed")).as("6 days later").isEqualTo("true");
        assertThat(replay.body().get("version").asLong()).isEqualTo(first.body().get("version").asLong());

        clock.advance(Duration.ofDays(2));
        Response fresh = api.post("demo-houkatsu-north", "/api/v1/cases/" + c.caseId() + "/consultations", body,
                Map.of("Idempotency-Key", key));
        assertThat(fresh.status()).as("8 days later: a new request").isEqualTo(201);
        assertThat(fresh.header("Idempotent-Replayed")).isNull();
        assertThat(fresh.body().get("version").asLong()).isGreaterThan(first.body().get("version").asLong());

        clock.advance(Duration.ofDays(1));
        Response freshReplayed = api.post("demo-houkatsu-north", "/api/v1/cases/" + c.caseId() + "/consultations", body,
                Map.of("Idempotency-Key", key));
        assertThat(freshReplayed.header("Idempotent-Replayed")).as("the new request's answer is the one kept")
                .isEqualTo("true");
        assertThat(freshReplayed.body().get("version").asLong()).isEqualTo(fresh.body().get("version").asLong());

        clock.advance(Duration.ofDays(8));
        writes.purgeExpired();
        Integer left = jdbc.queryForObject("select count(*) from idempotency_record where idempotency_key = ?",
                Integer.class, key);
        assertThat(left).as("purged").isZero();
    }
}
