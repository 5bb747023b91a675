package jp.kasane.api.web.admin;

import com.fasterxml.jackson.databind.JsonNode;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A poison event cannot stop a projection (docs/projections.md "Dead letters"). An event is put into the store
 * behind the API's back: a copy of a real {@code kasane.CaseOpened} for a new case that the statistics tables refuse
 * (a trigger stands for a value a table cannot hold). The statistics processor parks it in its dead-letter queue and
 * goes on with every other case; readiness stays UP; an ADMIN sees the letter, in the list, the health details and the
 * metric; once the cause is removed, a retry handles it and the queue is empty again.
 */
@KasaneIntegrationTest
class DeadLettersIntegrationTest {

    static final String OPENER = "demo-houkatsu-north";
    static final String ADMIN = "demo-admin";

    @Autowired
    Api api;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_poison_event_is_parked_the_others_go_on_and_a_retry_after_the_fix_empties_the_queue() {
        String poison = "poison-" + UUID.randomUUID();
        jdbc.execute("create or replace function refuse_poison() returns trigger language plpgsql as $$ begin "
                + "if new.case_id like 'poison-%' then raise exception 'this table cannot hold case %', new.case_id; end if; "
                + "return new; end $$");
        jdbc.execute("create trigger refuse_poison before insert on stats_case for each row execute function refuse_poison()");
        try {
            Api.OpenedCase model = api.open8050(OPENER);
            storeCopyOfOpening(model.caseId(), poison);
            Api.OpenedCase after = api.open8050(OPENER);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(count("select count(*) from deadletterentry where aggregateidentifier = ? and processinggroup = 'statistics'", poison))
                        .as("the poison event is parked").isEqualTo(1);
                assertThat(count("select count(*) from stats_case where case_id = ?", after.caseId()))
                        .as("a case opened after it is counted").isEqualTo(1);
            });
            assertThat(count("select count(*) from stats_case where case_id = ?", poison)).isZero();
            assertThat(api.get(null, "/actuator/health/readiness").status()).as("readiness stays UP").isEqualTo(200);

            JsonNode letter = null;
            for (JsonNode item : ok(api.get(ADMIN, "/api/v1/admin/dead-letters")).body().get("items")) {
                if (item.get("caseId").asText().equals(poison)) {
                    letter = item;
                }
            }
            assertThat(letter).as("the ADMIN's list").isNotNull();
            assertThat(letter.get("projection").asText()).isEqualTo("statistics");
            assertThat(letter.get("eventType").asText()).isEqualTo("kasane.CaseOpened");
            assertThat(letter.get("sequence").asLong()).isZero();
            assertThat(letter.get("error").asText()).contains("cannot hold case");
            assertThat(letter.get("failedAt").asText()).isNotBlank();
            assertThat(letter.toString()).as("no personal data").doesNotContain("阪南");
            assertThat(api.get("demo-coordinator", "/api/v1/admin/dead-letters").status()).isEqualTo(403);

            JsonNode health = ok(api.get(ADMIN, "/actuator/health")).body();
            assertThat(health.at("/components/eventProcessors/details/statistics/deadLetters").asLong())
                    .as("health details for an ADMIN").isGreaterThanOrEqualTo(1);
            assertThat(api.get(null, "/actuator/health").body().has("components")).as("no details for anyone else").isFalse();
            String metrics = api.get(ADMIN, "/actuator/metrics/kasane.dead.letters?tag=projection:statistics").body().toString();
            assertThat(metrics).contains("kasane.dead.letters");

            jdbc.execute("drop trigger refuse_poison on stats_case");
            Response retried = ok(api.post(ADMIN, "/api/v1/admin/dead-letters/" + letter.get("id").asText() + "/retry", null));
            assertThat(retried.body().get("handled").asBoolean()).isTrue();
            assertThat(count("select count(*) from deadletterentry where aggregateidentifier = ?", poison)).as("queue emptied").isZero();
            assertThat(count("select count(*) from stats_case where case_id = ?", poison)).as("the event handled").isEqualTo(1);
            assertThat(api.post(ADMIN, "/api/v1/admin/dead-letters/" + letter.get("id").asText() + "/retry", null).status())
                    .as("a letter no longer there").isEqualTo(404);
        } finally {
            jdbc.execute("drop trigger if exists refuse_poison on stats_case");
            jdbc.execute("drop function if exists refuse_poison()");
            jdbc.update("delete from deadletterentry where aggregateidentifier = ?", poison);
            for (String table : new String[]{"stats_case_issue", "stats_case_change", "stats_case"}) {
                jdbc.update("delete from " + table + " where case_id = ?", poison);
            }
        }
    }

    /**
     * The attack that once stopped the statistics for good: an opening dated in the year -999999999, as a store
     * written before the API bounded its times could hold it. The statistics tables cannot hold that year; the event
     * is parked, a retry parks it again with its error, the processors keep running and readiness stays UP.
     */
    @Test
    void an_old_event_dated_beyond_what_a_table_can_hold_is_parked_not_fatal() {
        String ancient = "ancient-" + UUID.randomUUID();
        try {
            Api.OpenedCase model = api.open8050(OPENER);
            storeCopyOfOpening(model.caseId(), ancient, "-999999999-01-01T00:00:00Z");
            Api.OpenedCase after = api.open8050(OPENER);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(count("select count(*) from deadletterentry where aggregateidentifier = ? and processinggroup = 'statistics'", ancient))
                        .as("the event is parked").isEqualTo(1);
                assertThat(count("select count(*) from stats_case where case_id = ?", after.caseId()))
                        .as("a case opened after it is counted").isEqualTo(1);
            });
            assertThat(api.get(null, "/actuator/health/readiness").status()).as("readiness stays UP").isEqualTo(200);
            String id = null;
            for (JsonNode item : ok(api.get(ADMIN, "/api/v1/admin/dead-letters")).body().get("items")) {
                if (item.get("caseId").asText().equals(ancient) && item.get("projection").asText().equals("statistics")) {
                    id = item.get("id").asText();
                }
            }
            assertThat(id).as("listed for the ADMIN").isNotNull();
            Response retried = ok(api.post(ADMIN, "/api/v1/admin/dead-letters/" + id + "/retry", null));
            assertThat(retried.body().get("handled").asBoolean()).as("nothing fixed: parked again").isFalse();
            assertThat(count("select count(*) from deadletterentry where aggregateidentifier = ? and processinggroup = 'statistics'", ancient))
                    .isEqualTo(1);
            Api.OpenedCase later = api.open8050(OPENER);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(count("select count(*) from stats_case where case_id = ?", later.caseId()))
                            .as("still counting after the retry").isEqualTo(1));
        } finally {
            jdbc.update("delete from deadletterentry where aggregateidentifier = ?", ancient);
            for (String table : new String[]{"stats_case_issue", "stats_case_change", "stats_case"}) {
                jdbc.update("delete from " + table + " where case_id = ?", ancient);
            }
        }
    }

    private void storeCopyOfOpening(String modelCaseId, String caseId) {
        storeCopyOfOpening(modelCaseId, caseId, "2099-04-03T01:00:00Z");
    }

    /**
     * Stores, as a new case's first event, a copy of a real case's opening; its consultation dated in fiscal year 2099,
     * after every year another test counts (a case open since 2001 would count as open at the end of every later year).
     */
    private void storeCopyOfOpening(String modelCaseId, String caseId, String occurredAt) {
        Map<String, Object> row = jdbc.queryForMap("select type, metadata, payload, payloadrevision, payloadtype, timestamp "
                + "from domainevententry where aggregateidentifier = ? and sequencenumber = 0", modelCaseId);
        String payload = new String((byte[]) row.get("payload"), StandardCharsets.UTF_8)
                .replace(modelCaseId, caseId).replace("\"2026-04-03T01:00:00Z\"", "\"" + occurredAt + "\"");
        jdbc.update("insert into domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata, "
                        + "payload, payloadrevision, payloadtype, timestamp) values (?, 0, ?, ?, ?, ?, ?, ?, ?)",
                caseId, row.get("type"), UUID.randomUUID().toString(), row.get("metadata"),
                payload.getBytes(StandardCharsets.UTF_8), row.get("payloadrevision"), row.get("payloadtype"), row.get("timestamp"));
    }

    private int count(String sql, Object... args) {
        Integer n = jdbc.queryForObject(sql, Integer.class, args);
        return n == null ? 0 : n;
    }

    private static Response ok(Response r) {
        if (r.status() < 200 || r.status() > 299) {
            throw new AssertionError("step answered " + r.status() + ": " + r.body());
        }
        return r;
    }
}
