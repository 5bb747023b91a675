package jp.kasane.api.web.audit;

import com.fasterxml.jackson.databind.JsonNode;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.OpenedCase;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The auditor's endpoints over HTTP: the stored trail, the disclosure ledger and the hash chain's re-check. */
@KasaneIntegrationTest
class AuditApiTest {

    static final String NORTH = "demo-houkatsu-north";
    static final String AUDITOR = "demo-auditor";

    @Autowired
    Api api;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void events_come_in_order_with_types_agencies_times_and_sealed_payloads() {
        OpenedCase c = api.open8050(NORTH);
        api.consent(NORTH, c.caseId(), c.self(), List.of("jiritsu"), List.of("BASIC", "NOTES"));
        assertThat(api.get("demo-jiritsu", "/api/v1/cases/" + c.caseId()).status()).isEqualTo(200);

        Response r = api.get(AUDITOR, "/api/v1/audit/cases/" + c.caseId() + "/events");

        assertThat(r.status()).isEqualTo(200);
        JsonNode items = r.body().get("items");
        // Reads are not events of the case: the ledger beside the stream holds them (see the disclosures test).
        assertThat(types(items)).containsExactly("kasane.CaseOpened", "kasane.ConsentGiven");
        assertThat(r.body().get("total").asLong()).isEqualTo(2);
        assertThat(r.body().get("page").asInt()).isZero();
        assertThat(r.body().get("size").asInt()).isEqualTo(50);
        for (int i = 0; i < items.size(); i++) {
            JsonNode e = items.get(i);
            assertThat(e.get("sequence").asLong()).isEqualTo(i);
            assertThat(Instant.parse(e.get("recordedAt").asText())).isBefore(Instant.now().plusSeconds(1));
            assertThat(e.get("occurredAt").isNull()).isFalse();
            assertThat(e.get("actor").isNull()).isFalse();
            assertThat(e.get("payload").isObject()).isTrue();
            assertThat(e.has("hash")).isTrue();
            assertThat(e.has("previousHash")).isTrue();
        }
        assertThat(items.get(0).get("occurredAt").asText()).isEqualTo("2026-04-03T01:00:00Z");
        assertThat(items.get(0).get("agencyId").asText()).isEqualTo("houkatsu-north");
        assertThat(items.get(1).get("agencyId").asText()).isEqualTo("houkatsu-north");
        JsonNode lines = api.get(AUDITOR, "/api/v1/audit/cases/" + c.caseId() + "/disclosures").body().get("items");
        // jiritsu's read, the auditor's read of the events, and this read of the ledger (recorded before it is read).
        assertThat(lines).extracting(l -> l.get("agencyId").asText()).containsExactly("jiritsu", "audit-office", "audit-office");
        assertThat(lines.get(1).get("basis").asText()).isEqualTo("AUDIT");

        // Personal data stays sealed: ciphertext, never the names or the summary.
        String opened = items.get(0).get("payload").toString();
        assertThat(opened).contains("ciphertext");
        assertThat(r.body().toString()).doesNotContain("阪南").doesNotContain("花子").doesNotContain("一郎")
                .doesNotContain("1944-05-01").doesNotContain("ひきこもり");
    }

    @Test
    void as_of_cuts_at_what_had_been_recorded_by_then() throws InterruptedException {
        OpenedCase c = api.open8050(NORTH);
        Thread.sleep(20);
        Instant t = Instant.now();
        Thread.sleep(20);
        assertThat(api.post(NORTH, "/api/v1/cases/" + c.caseId() + "/consultations", Map.of(
                "occurredAt", "2026-04-01T01:00:00Z", "channel", "PHONE", "summary", "電話で様子を聞いた。")).status())
                .isEqualTo(201);

        Response cut = api.get(AUDITOR, "/api/v1/audit/cases/" + c.caseId() + "/events?asOf=" + t);
        assertThat(cut.status()).isEqualTo(200);
        assertThat(types(cut.body().get("items"))).containsExactly("kasane.CaseOpened");
        assertThat(cut.body().get("total").asLong()).isEqualTo(1);

        // Recorded after t, though it says it occurred before: not part of what the system knew at t.
        Response now = api.get(AUDITOR, "/api/v1/audit/cases/" + c.caseId() + "/events");
        assertThat(types(now.body().get("items"))).startsWith("kasane.CaseOpened", "kasane.ConsultationRecorded");
        JsonNode consultation = now.body().get("items").get(1);
        assertThat(Instant.parse(consultation.get("occurredAt").asText())).isBefore(t);
        assertThat(Instant.parse(consultation.get("recordedAt").asText())).isAfter(t);

        // Paging.
        Response second = api.get(AUDITOR, "/api/v1/audit/cases/" + c.caseId() + "/events?page=1&size=1");
        assertThat(second.body().get("items")).hasSize(1);
        assertThat(second.body().get("items").get(0).get("sequence").asLong()).isEqualTo(1);
        assertThat(second.body().get("total").asLong()).isEqualTo(2);

        Response badAsOf = api.get(AUDITOR, "/api/v1/audit/cases/" + c.caseId() + "/events?asOf=yesterday");
        assertThat(badAsOf.status()).isEqualTo(400);
        assertThat(badAsOf.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(badAsOf.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(badAsOf.body().get("errors").get(0).get("field").asText()).isEqualTo("asOf");
        assertThat(api.get(AUDITOR, "/api/v1/audit/cases/" + c.caseId() + "/events?size=501").status()).isEqualTo(400);
        assertThat(api.get(AUDITOR, "/api/v1/audit/cases/" + c.caseId() + "/disclosures?page=-1").status()).isEqualTo(400);
    }

    @Test
    void the_hash_chain_links_each_event_to_the_previous_one_of_its_case() {
        OpenedCase c = api.open8050(NORTH);
        api.post(NORTH, "/api/v1/cases/" + c.caseId() + "/consultations", Map.of(
                "occurredAt", "2026-04-10T01:00:00Z", "channel", "PHONE", "summary", "息子さんと電話で話せた。"));
        api.consent(NORTH, c.caseId(), c.self(), List.of("jiritsu"), List.of("BASIC"));
        int stored = api.eventCount(c.caseId());
        awaitChained(c.caseId(), stored);

        JsonNode items = api.get(AUDITOR, "/api/v1/audit/cases/" + c.caseId() + "/events").body().get("items");
        assertThat(items.size()).as("the auditor's read is a ledger line, not an event").isEqualTo(stored);
        assertThat(items.get(0).get("previousHash").isNull()).isTrue();
        for (int i = 0; i < stored; i++) {
            assertThat(items.get(i).get("hash").asText()).matches("[0-9a-f]{64}");
            if (i > 0) {
                assertThat(items.get(i).get("previousHash").asText()).isEqualTo(items.get(i - 1).get("hash").asText());
            }
        }
        // The chain is per case: the first event of another case starts its own.
        OpenedCase other = api.open8050(NORTH);
        awaitChained(other.caseId(), 1);
        assertThat(jdbc.queryForObject("SELECT previous_hash FROM audit_chain WHERE aggregate_identifier = ? "
                + "AND sequence_number = 0", String.class, other.caseId())).isNull();
    }

    @Test
    void disclosures_list_who_saw_the_case_on_which_basis() {
        OpenedCase c = api.open8050(NORTH);
        api.consent(NORTH, c.caseId(), c.self(), List.of("jiritsu"), List.of("BASIC", "NOTES"));
        assertThat(api.get("demo-jiritsu", "/api/v1/cases/" + c.caseId()).status()).isEqualTo(200);
        assertThat(api.post("demo-kodomo", "/api/v1/cases/" + c.caseId() + "/vital-interest-reads",
                Map.of("justification", "子どもの安全確認のため緊急に世帯状況を確認する必要がある。連絡がとれない。")).status())
                .isEqualTo(200);
        assertThat(api.get(AUDITOR, "/api/v1/audit/cases/" + c.caseId() + "/events").status()).isEqualTo(200);

        Response r = api.get(AUDITOR, "/api/v1/audit/cases/" + c.caseId() + "/disclosures");

        assertThat(r.status()).isEqualTo(200);
        JsonNode items = r.body().get("items");
        assertThat(items).hasSize(4);
        assertThat(r.body().get("total").asLong()).isEqualTo(4);
        JsonNode jiritsu = items.get(0);
        assertThat(jiritsu.get("agencyId").asText()).isEqualTo("jiritsu");
        assertThat(jiritsu.get("basis").asText()).isEqualTo("CONSENT");
        assertThat(jiritsu.get("categories")).extracting(JsonNode::asText).containsExactlyInAnyOrder("BASIC", "NOTES");
        assertThat(jiritsu.get("purpose").asText()).isEqualTo("SUPPORT_COORDINATION");
        assertThat(jiritsu.get("flaggedForReview").asBoolean()).isFalse();
        assertThat(jiritsu.get("actor").isNull()).isFalse();
        assertThat(Instant.parse(jiritsu.get("at").asText())).isBefore(Instant.now().plusSeconds(1));

        JsonNode vital = items.get(1);
        assertThat(vital.get("agencyId").asText()).isEqualTo("kodomo");
        assertThat(vital.get("basis").asText()).isEqualTo("VITAL_INTEREST");
        assertThat(vital.get("flaggedForReview").asBoolean()).isTrue();

        // The auditor's own reads: the events read before, and this one, recorded before the ledger was read.
        for (JsonNode audit : List.of(items.get(2), items.get(3))) {
            assertThat(audit.get("agencyId").asText()).isEqualTo("audit-office");
            assertThat(audit.get("basis").asText()).isEqualTo("AUDIT");
            assertThat(audit.get("flaggedForReview").asBoolean()).isFalse();
        }
        assertThat(r.body().toString()).doesNotContain("子どもの安全確認");
    }

    @Test
    void only_auditors_and_an_unknown_case_is_404() {
        OpenedCase c = api.open8050(NORTH);
        for (String path : List.of("/api/v1/audit/cases/" + c.caseId() + "/events",
                "/api/v1/audit/cases/" + c.caseId() + "/disclosures", "/api/v1/audit/verification")) {
            Response caseworker = api.get(NORTH, path);
            assertThat(caseworker.status()).as(path).isEqualTo(403);
            assertThat(caseworker.code()).isEqualTo("FORBIDDEN");
            assertThat(api.get("demo-analyst", path).status()).as(path).isEqualTo(403);
            assertThat(api.get(null, path).status()).as(path).isEqualTo(401);
        }
        assertThat(api.eventCount(c.caseId())).isEqualTo(1);

        String unknown = UUID.randomUUID().toString();
        Response missing = api.get(AUDITOR, "/api/v1/audit/cases/" + unknown + "/events");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("NOT_FOUND");
        assertThat(missing.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(api.get(AUDITOR, "/api/v1/audit/cases/" + unknown + "/disclosures").status()).isEqualTo(404);
        assertThat(api.eventCount(unknown)).isZero();
    }

    @Test
    void verification_holds_and_names_the_global_index_of_a_tampered_event() {
        OpenedCase c = api.open8050(NORTH);
        api.post(NORTH, "/api/v1/cases/" + c.caseId() + "/consultations", Map.of(
                "occurredAt", "2026-04-10T01:00:00Z", "channel", "PHONE", "summary", "電話で話した。"));
        awaitChained(c.caseId(), 2);

        Response ok = api.get(AUDITOR, "/api/v1/audit/verification");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body().get("verified").asBoolean()).isTrue();
        assertThat(ok.body().get("events").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(ok.body().get("firstBrokenSequence").isNull()).isTrue();

        Map<String, Object> row = jdbc.queryForMap("SELECT globalindex, payload FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND sequencenumber = 1", c.caseId());
        long globalIndex = ((Number) row.get("globalindex")).longValue();
        byte[] original = (byte[]) row.get("payload");
        String forged = new String(original, StandardCharsets.UTF_8).replace("\"PHONE\"", "\"VISIT\"");
        assertThat(forged).isNotEqualTo(new String(original, StandardCharsets.UTF_8));
        try {
            jdbc.update("UPDATE domainevententry SET payload = ? WHERE globalindex = ?",
                    forged.getBytes(StandardCharsets.UTF_8), globalIndex);

            Response broken = api.get(AUDITOR, "/api/v1/audit/verification");
            assertThat(broken.status()).isEqualTo(200);
            assertThat(broken.body().get("verified").asBoolean()).isFalse();
            assertThat(broken.body().get("firstBrokenSequence").asLong()).isEqualTo(globalIndex);
        } finally {
            jdbc.update("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", original, globalIndex);
        }
        assertThat(api.get(AUDITOR, "/api/v1/audit/verification").body().get("verified").asBoolean()).isTrue();
    }

    @Test
    void the_audit_endpoints_are_in_the_published_contract() {
        Response docs = api.get(null, "/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.body().get("paths");
        assertThat(paths.has("/api/v1/audit/cases/{caseId}/events")).isTrue();
        assertThat(paths.has("/api/v1/audit/cases/{caseId}/disclosures")).isTrue();
        assertThat(paths.has("/api/v1/audit/verification")).isTrue();
    }

    private void awaitChained(String caseId, int events) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM audit_chain WHERE aggregate_identifier = ?", Integer.class, caseId) >= events);
    }

    private static List<String> types(JsonNode items) {
        List<String> types = new ArrayList<>();
        items.forEach(i -> types.add(i.get("type").asText()));
        return types;
    }
}
