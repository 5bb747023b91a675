package jp.kasane.api.web.cases;

import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.OpenedCase;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static jp.kasane.api.support.Api.member;
import static org.assertj.core.api.Assertions.assertThat;

/** The first slice of the partner-agency API over HTTP, on the embedded PostgreSQL: every status code it promises. */
@KasaneIntegrationTest
class CaseApiTest {

    static final String NORTH = "demo-houkatsu-north";

    @Autowired
    Api api;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void opens_a_case_and_reads_it_back_with_the_japanese_text_intact() {
        Response created = api.post(NORTH, "/api/v1/cases", Map.of(
                "occurredAt", "2026-04-03T01:00:00Z", "channel", "VISIT",
                "summary", "80代の母と50代の息子の二人暮らし。息子は長年ひきこもり。母の介護相談で来所。",
                "issues", List.of("ISSUE_8050", "HIKIKOMORI"),
                "household", Map.of("members", List.of(member("阪南 花子", "1944-05-01", "SELF"),
                        member("阪南 一郎", "1974-09-12", "CHILD")))));

        assertThat(created.status()).isEqualTo(201);
        String caseId = created.text("caseId");
        assertThat(created.header("Location")).isEqualTo("/api/v1/cases/" + caseId);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(created.body().get("version").asLong()).isEqualTo(1);

        Response read = api.get(NORTH, "/api/v1/cases/" + caseId);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("phase")).isEqualTo("INTAKE");
        assertThat(read.body().get("household").get("members").get(0).get("name").asText()).isEqualTo("阪南 花子");
        assertThat(read.body().get("household").get("members").get(1).get("birthDate").asText()).isEqualTo("1974-09-12");
        assertThat(read.body().get("consultations").get(0).get("summary").asText())
                .isEqualTo("80代の母と50代の息子の二人暮らし。息子は長年ひきこもり。母の介護相談で来所。");
        assertThat(read.body().get("issues")).extracting(n -> n.asText()).containsExactly("ISSUE_8050", "HIKIKOMORI");
    }

    @Test
    void another_agency_reads_404_exactly_like_a_missing_case() {
        OpenedCase c = api.open8050(NORTH);
        Response other = api.get("demo-jiritsu", "/api/v1/cases/" + c.caseId());
        Response missing = api.get("demo-jiritsu", "/api/v1/cases/00000000-0000-0000-0000-000000000000");
        assertThat(other.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(other.bodyWithoutInstance()).isEqualTo(missing.bodyWithoutInstance());
        assertThat(other.header("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void no_credential_is_401_and_a_wrong_role_is_403() {
        OpenedCase c = api.open8050(NORTH);
        assertThat(api.get(null, "/api/v1/cases/" + c.caseId()).status()).isEqualTo(401);
        Response analyst = api.get("demo-analyst", "/api/v1/cases/" + c.caseId());
        assertThat(analyst.status()).isEqualTo(403);
        assertThat(analyst.code()).isEqualTo("FORBIDDEN");
    }

    @Test
    void bad_input_lists_each_field_and_records_nothing() {
        int before = api.totalEvents();
        Response r = api.post(NORTH, "/api/v1/cases", Map.of(
                "occurredAt", "2999-01-01T00:00:00Z", "channel", "VISIT", "summary", "",
                "issues", List.of("ISSUE_8050", "NOT_AN_ISSUE"),
                "household", Map.of("members", List.of())));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(r.body().get("errors")).extracting(e -> e.get("field").asText())
                .contains("occurredAt", "summary", "household.members");
        assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(api.totalEvents()).isEqualTo(before);

        Response unknownIssue = api.post(NORTH, "/api/v1/cases", Map.of(
                "occurredAt", "2026-04-03T01:00:00Z", "channel", "VISIT", "summary", "相談",
                "issues", List.of("ISSUE_8050", "NOT_AN_ISSUE"),
                "household", Map.of("members", List.of(member("阪南 花子", "1944-05-01", "SELF")))));
        assertThat(unknownIssue.status()).isEqualTo(400);
        assertThat(unknownIssue.body().get("errors").get(0).get("field").asText()).isEqualTo("issues[1]");

        Response badChannel = api.post(NORTH, "/api/v1/cases", Map.of(
                "occurredAt", "2026-04-03T01:00:00Z", "channel", "FAX", "summary", "相談",
                "household", Map.of("members", List.of(member("阪南 花子", "1944-05-01", "SELF")))));
        assertThat(badChannel.status()).isEqualTo(400);
        assertThat(badChannel.body().get("errors").get(0).get("field").asText()).isEqualTo("channel");
        assertThat(api.totalEvents()).isEqualTo(before);
    }

    @Test
    void error_bodies_never_echo_personal_data() {
        Response r = api.post(NORTH, "/api/v1/cases", Map.of(
                "occurredAt", "2026-04-03T01:00:00Z", "channel", "VISIT", "summary", "相談",
                "household", Map.of("members", List.of(Map.of("name", "秘密 太郎", "birthDate", "1990-13-45", "relationship", "SELF")))));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().toString()).doesNotContain("秘密").doesNotContain("1990-13-45");
    }

    @Test
    void a_consultation_with_a_stale_if_match_is_412_and_records_nothing() {
        OpenedCase c = api.open8050(NORTH);
        Map<String, Object> consultation = Map.of("occurredAt", "2026-04-10T01:00:00Z", "channel", "PHONE",
                "summary", "息子さんと電話で話せた。", "issues", List.of("HIKIKOMORI"));

        Response ok = api.post(NORTH, "/api/v1/cases/" + c.caseId() + "/consultations", consultation, Map.of("If-Match", "\"1\""));
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.header("ETag")).isEqualTo("\"2\"");

        Response stale = api.post(NORTH, "/api/v1/cases/" + c.caseId() + "/consultations", consultation, Map.of("If-Match", "\"1\""));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.code()).isEqualTo("VERSION_MISMATCH");
        assertThat(api.eventCount(c.caseId())).isEqualTo(2);
    }

    @Test
    void an_idempotent_retry_returns_the_first_answer_and_records_nothing_new() {
        OpenedCase c = api.open8050(NORTH);
        Map<String, Object> consultation = Map.of("occurredAt", "2026-04-10T01:00:00Z", "channel", "HOME_VISIT",
                "summary", "訪問。母は元気。", "issues", List.of());
        Map<String, String> key = Map.of("Idempotency-Key", "visit-" + c.caseId());

        Response first = api.post(NORTH, "/api/v1/cases/" + c.caseId() + "/consultations", consultation, key);
        Response retry = api.post(NORTH, "/api/v1/cases/" + c.caseId() + "/consultations", consultation, key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(api.eventCount(c.caseId())).isEqualTo(2);

        Response misuse = api.post(NORTH, "/api/v1/cases/" + c.caseId() + "/consultations",
                Map.of("occurredAt", "2026-04-11T01:00:00Z", "channel", "PHONE", "summary", "別の相談"), key);
        assertThat(misuse.status()).isEqualTo(422);
        assertThat(misuse.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(api.eventCount(c.caseId())).isEqualTo(2);
    }

    @Test
    void an_idempotent_case_opening_opens_one_case() {
        Map<String, Object> body = Map.of("occurredAt", "2026-04-03T01:00:00Z", "channel", "OUTREACH",
                "summary", "アウトリーチで把握。", "issues", List.of("HOARDING"),
                "household", Map.of("members", List.of(member("泉 次郎", "1960-02-02", "SELF"))));
        Map<String, String> key = Map.of("Idempotency-Key", "open-" + System.nanoTime());
        int before = api.totalEvents();
        Response first = api.post(NORTH, "/api/v1/cases", body, key);
        Response retry = api.post(NORTH, "/api/v1/cases", body, key);
        assertThat(retry.text("caseId")).isEqualTo(first.text("caseId"));
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(api.totalEvents()).isEqualTo(before + 1);
    }

    @Test
    void the_raw_event_table_holds_no_name_birth_date_or_summary_in_clear() {
        OpenedCase c = api.open(NORTH, "ごみ屋敷の相談。近隣から苦情。本人は拒否的。", List.of("HOARDING"),
                List.of(member("堺 ごみ太郎", "1951-07-07", "SELF")));
        api.post(NORTH, "/api/v1/cases/" + c.caseId() + "/consultations", Map.of("occurredAt", "2026-04-10T01:00:00Z",
                "channel", "HOME_VISIT", "summary", "訪問した。玄関まで物があふれている。"));
        List<byte[]> payloads = jdbc.queryForList(
                "SELECT payload FROM domainevententry WHERE aggregateidentifier = ?", byte[].class, c.caseId());
        List<byte[]> metadata = jdbc.queryForList(
                "SELECT metadata FROM domainevententry WHERE aggregateidentifier = ?", byte[].class, c.caseId());
        assertThat(payloads).hasSize(2);
        for (byte[] raw : payloads) {
            String text = new String(raw, StandardCharsets.UTF_8);
            assertThat(text).contains("ciphertext")
                    .doesNotContain("堺").doesNotContain("ごみ太郎").doesNotContain("1951-07-07")
                    .doesNotContain("ごみ屋敷の相談").doesNotContain("玄関");
        }
        for (byte[] raw : metadata) {
            // The birth date itself: a bare "1951" can occur in a recording time's nanoseconds.
            assertThat(new String(raw, StandardCharsets.UTF_8)).doesNotContain("堺").doesNotContain("1951-07-07");
        }
    }

    @Test
    void events_carry_agency_actor_times_and_the_request_correlation_id() {
        Response created = api.post(NORTH, "/api/v1/cases", Map.of(
                "occurredAt", "2026-04-03T01:00:00Z", "channel", "VISIT", "summary", "相談",
                "household", Map.of("members", List.of(member("阪南 花子", "1944-05-01", "SELF")))),
                Map.of("X-Correlation-Id", "req-12345", "Kasane-Actor", "staff-042"));
        String meta = new String(jdbc.queryForObject(
                "SELECT metadata FROM domainevententry WHERE aggregateidentifier = ?", byte[].class,
                created.text("caseId")), StandardCharsets.UTF_8);
        assertThat(meta).contains("\"agencyId\":\"houkatsu-north\"").contains("\"correlationId\":\"req-12345\"")
                .contains("\"occurredAt\":\"2026-04-03T01:00:00Z\"").contains("recordedAt").contains("actor");
        assertThat(jdbc.queryForObject("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ?",
                String.class, created.text("caseId"))).isEqualTo("kasane.CaseOpened");
    }

    @Test
    void the_caseload_lists_the_agencys_open_cases() {
        OpenedCase c = api.open8050("demo-houkatsu-south");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
            Response load = api.get("demo-houkatsu-south", "/api/v1/caseload?size=500");
            assertThat(load.status()).isEqualTo(200);
            assertThat(load.body().get("items")).anySatisfy(item -> {
                assertThat(item.get("caseId").asText()).isEqualTo(c.caseId());
                assertThat(item.get("phase").asText()).isEqualTo("INTAKE");
            });
        });
        Response others = api.get("demo-kodomo", "/api/v1/caseload?size=500");
        assertThat(others.body().get("items")).noneSatisfy(item -> assertThat(item.get("caseId").asText()).isEqualTo(c.caseId()));
    }
}
