package jp.kasane.api.web.people;

import com.fasterxml.jackson.databind.JsonNode;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.OpenedCase;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/v1/people/{personId}/erasure} over HTTP: the person's data key is deleted (crypto-shredding),
 * the case view shows the person as erased, the rest of the household and the events stay as they were.
 */
@KasaneIntegrationTest
class ErasureApiTest {

    static final String NORTH = "demo-houkatsu-north";
    static final String ADMIN = "demo-admin";
    static final String SUMMARY = "80代の母と50代の息子の二人暮らし。息子は長年ひきこもり。母の介護相談で来所。";

    @Autowired
    Api api;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void erasing_the_son_of_an_8050_case_blanks_him_in_the_case_view_and_leaves_the_mother_and_the_events() {
        OpenedCase c = api.open8050(NORTH);
        String mother = c.personIds().get(0);
        String son = c.personIds().get(1);
        int eventsBefore = api.eventCount(c.caseId());

        Response erased = api.post(ADMIN, "/api/v1/people/" + son + "/erasure",
                Map.of("reason", "本人から消去の請求があった", "reasonCode", "PERSON_REQUEST"));

        assertThat(erased.status()).isEqualTo(200);
        assertThat(erased.text("personId")).isEqualTo(son);
        assertThat(erased.text("reasonCode")).isEqualTo("PERSON_REQUEST");
        Instant erasedAt = Instant.parse(erased.text("erasedAt"));
        assertThat(erasedAt).isBeforeOrEqualTo(Instant.now());
        assertThat(erased.body().toString()).as("the free-text reason is not echoed").doesNotContain("請求");

        JsonNode view = api.get(NORTH, "/api/v1/cases/" + c.caseId()).body();
        JsonNode members = view.get("household").get("members");
        JsonNode sonView = member(members, son);
        assertThat(sonView.get("name").isNull()).isTrue();
        assertThat(sonView.get("birthDate").isNull()).isTrue();
        assertThat(sonView.get("erased").asBoolean()).isTrue();
        assertThat(sonView.get("relationship").asText()).isEqualTo("CHILD");
        JsonNode motherView = member(members, mother);
        assertThat(motherView.get("name").asText()).isEqualTo("阪南 花子");
        assertThat(motherView.get("birthDate").asText()).isEqualTo("1944-05-01");
        assertThat(motherView.has("erased")).isFalse();
        assertThat(view.get("consultations").get(0).get("summary").asText())
                .as("the case's free text is sealed under the principal (the mother)").isEqualTo(SUMMARY);
        assertThat(view.toString()).doesNotContain("阪南 一郎", "1974-09-12");

        Map<String, Object> row = jdbc.queryForMap("select wrapped_key, erased_at, erasure_reason_code from person_key"
                + " where subject_id = ?", son);
        assertThat(row.get("wrapped_key")).isNull();
        assertThat(row.get("erased_at")).isNotNull();
        assertThat(row.get("erasure_reason_code")).isEqualTo("PERSON_REQUEST");
        assertThat(jdbc.queryForObject("select wrapped_key is not null from person_key where subject_id = ?",
                Boolean.class, mother)).as("the mother's key is live").isTrue();
        assertThat(api.eventCount(c.caseId())).as("no event written or removed").isEqualTo(eventsBefore);

        // Again, even with another code: the first erasure's time and code.
        Response again = api.post(ADMIN, "/api/v1/people/" + son + "/erasure",
                Map.of("reason", "もう一度", "reasonCode", "RETENTION_EXPIRED"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("personId")).isEqualTo(son);
        assertThat(Instant.parse(again.text("erasedAt"))).isEqualTo(erasedAt);
        assertThat(again.text("reasonCode")).isEqualTo("PERSON_REQUEST");
        assertThat(api.eventCount(c.caseId())).isEqualTo(eventsBefore);
    }

    @Test
    void erasing_the_principal_also_erases_the_free_text_of_the_case() {
        OpenedCase c = api.open8050(NORTH);
        String mother = c.personIds().get(0);

        Response erased = api.post(ADMIN, "/api/v1/people/" + mother + "/erasure",
                Map.of("reason", "保存期間の満了", "reasonCode", "RETENTION_EXPIRED"));
        assertThat(erased.status()).isEqualTo(200);
        assertThat(erased.text("reasonCode")).isEqualTo("RETENTION_EXPIRED");

        JsonNode view = api.get(NORTH, "/api/v1/cases/" + c.caseId()).body();
        JsonNode motherView = member(view.get("household").get("members"), mother);
        assertThat(motherView.get("name").isNull()).isTrue();
        assertThat(motherView.get("erased").asBoolean()).isTrue();
        assertThat(view.get("consultations").get(0).has("summary")).isTrue();
        assertThat(view.get("consultations").get(0).get("summary").isNull()).isTrue();
        assertThat(view.get("consultations").get(0).get("issues")).as("issue codes are not personal data").hasSize(2);
        assertThat(member(view.get("household").get("members"), c.personIds().get(1)).get("name").asText())
                .isEqualTo("阪南 一郎");
    }

    @Test
    void a_consultation_after_the_principal_is_erased_is_refused_and_records_nothing() {
        OpenedCase c = api.open8050(NORTH);
        String mother = c.personIds().get(0);
        assertThat(api.post(ADMIN, "/api/v1/people/" + mother + "/erasure", Map.of("reason", "本人の申出")).status())
                .isEqualTo(200);
        int eventsBefore = api.eventCount(c.caseId());

        Response r = api.post(NORTH, "/api/v1/cases/" + c.caseId() + "/consultations",
                Map.of("occurredAt", "2026-06-02T01:00:00Z", "channel", "PHONE", "summary", "再度の相談", "issues", List.of("HIKIKOMORI")));

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.code()).isEqualTo("PERSONAL_DATA_ERASED");
        assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(api.eventCount(c.caseId())).isEqualTo(eventsBefore);

        // An agency with no basis on the case must not learn that its person was erased: same answer as no case.
        Map<String, Object> consultation = Map.of("occurredAt", "2026-06-02T01:00:00Z", "channel", "PHONE",
                "summary", "再度の相談", "issues", List.of("HIKIKOMORI"));
        Response stranger = api.post("demo-jiritsu", "/api/v1/cases/" + c.caseId() + "/consultations", consultation);
        Response missing = api.post("demo-jiritsu", "/api/v1/cases/" + UUID.randomUUID() + "/consultations", consultation);
        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.bodyWithoutInstance()).isEqualTo(missing.bodyWithoutInstance());
        assertThat(api.eventCount(c.caseId())).isEqualTo(eventsBefore);
    }

    @Test
    void the_reason_code_defaults_to_person_request_and_the_reason_is_required() {
        OpenedCase c = api.open8050(NORTH);
        String son = c.personIds().get(1);

        Response missing = api.post(ADMIN, "/api/v1/people/" + son + "/erasure", Map.of("reasonCode", "LAWFUL_DELETION"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.code()).isEqualTo("VALIDATION_FAILED");
        Response tooLong = api.post(ADMIN, "/api/v1/people/" + son + "/erasure", Map.of("reason", "あ".repeat(2001)));
        assertThat(tooLong.status()).isEqualTo(400);
        Response badCode = api.post(ADMIN, "/api/v1/people/" + son + "/erasure",
                Map.of("reason", "理由", "reasonCode", "BECAUSE"));
        assertThat(badCode.status()).isEqualTo(400);
        assertThat(badCode.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(jdbc.queryForObject("select erased_at is null from person_key where subject_id = ?", Boolean.class, son))
                .as("nothing erased by a refused request").isTrue();

        Response ok = api.post(ADMIN, "/api/v1/people/" + son + "/erasure", Map.of("reason", "あ".repeat(2000)));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.text("reasonCode")).isEqualTo("PERSON_REQUEST");
    }

    @Test
    void an_unknown_person_is_404_and_only_an_admin_may_erase() {
        OpenedCase c = api.open8050(NORTH);
        String son = c.personIds().get(1);

        String nobody = UUID.randomUUID().toString();
        Response unknown = api.post(ADMIN, "/api/v1/people/" + nobody + "/erasure", Map.of("reason", "理由"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("NOT_FOUND");
        assertThat(unknown.header("Content-Type")).isEqualTo("application/problem+json");
        String tooLongId = "x".repeat(100);
        assertThat(api.post(ADMIN, "/api/v1/people/" + tooLongId + "/erasure", Map.of("reason", "理由")).status())
                .isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from person_key where subject_id = ?", Integer.class, nobody))
                .as("no erasure row for a person the vault never knew").isZero();

        for (String key : List.of(NORTH, "demo-coordinator", "demo-auditor", "demo-analyst")) {
            Response refused = api.post(key, "/api/v1/people/" + son + "/erasure", Map.of("reason", "理由"));
            assertThat(refused.status()).as(key).isEqualTo(403);
            assertThat(refused.code()).as(key).isEqualTo("FORBIDDEN");
        }
        assertThat(api.post(null, "/api/v1/people/" + son + "/erasure", Map.of("reason", "理由")).status()).isEqualTo(401);
        assertThat(jdbc.queryForObject("select wrapped_key is not null from person_key where subject_id = ?",
                Boolean.class, son)).as("still live").isTrue();
        JsonNode sonView = member(api.get(NORTH, "/api/v1/cases/" + c.caseId()).body().get("household").get("members"), son);
        assertThat(sonView.get("name").asText()).isEqualTo("阪南 一郎");

        JsonNode published = api.get(null, "/v3/api-docs").body().get("paths").get("/api/v1/people/{personId}/erasure");
        assertThat(published.get("post").get("tags").get(0).asText()).isEqualTo("People");
    }

    @Test
    void a_retry_with_the_same_idempotency_key_answers_the_first_erasure() {
        OpenedCase c = api.open8050(NORTH);
        String son = c.personIds().get(1);
        Map<String, String> headers = Map.of("Idempotency-Key", "erase-" + son);

        Response first = api.post(ADMIN, "/api/v1/people/" + son + "/erasure",
                Map.of("reason", "法令に基づく消去", "reasonCode", "LAWFUL_DELETION"), headers);
        Response retry = api.post(ADMIN, "/api/v1/people/" + son + "/erasure",
                Map.of("reason", "法令に基づく消去", "reasonCode", "LAWFUL_DELETION"), headers);
        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(jdbc.queryForObject("select count(*) from idempotency_record where response_body like ?",
                Integer.class, "%法令%")).as("the free-text reason is not stored").isZero();
    }

    private static JsonNode member(JsonNode members, String personId) {
        for (JsonNode m : members) {
            if (m.get("personId").asText().equals(personId)) {
                return m;
            }
        }
        throw new AssertionError("no member " + personId + " in " + members);
    }
}
