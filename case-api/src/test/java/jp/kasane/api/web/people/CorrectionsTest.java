package jp.kasane.api.web.people;

import com.fasterxml.jackson.databind.JsonNode;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.OpenedCase;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.core.personaldata.PersonalDataVault;
import jp.kasane.core.personaldata.Sealed;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static jp.kasane.api.support.Api.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Corrections (訂正, docs/api.md "Household members"): a person first recorded without a name is named by the holder
 * once known; a person's request to correct their data is answered by an administrator who knows only the person's
 * id. The view shows the new value, the history keeps the earlier one, and a refusal records nothing.
 */
@KasaneIntegrationTest
class CorrectionsTest {

    static final String NORTH = "demo-houkatsu-north";
    static final String ADMIN = "demo-admin";
    static final String AUDITOR = "demo-auditor";

    @Autowired
    Api api;
    @Autowired
    PersonalDataVault vault;

    @Test
    void the_holder_names_a_person_first_recorded_without_a_name_and_the_history_keeps_both() {
        // A 民生委員's report: 「近所の方、70代くらいの男性」, name unknown, an approximate birth year.
        OpenedCase c = api.open(NORTH, "民生委員から、近所の一人暮らしの男性が最近しんどそうとの連絡。", List.of(),
                List.of(Map.of("birthYear", 1953, "relationship", "SELF")));
        String man = c.self();
        String corrections = "/api/v1/cases/" + c.caseId() + "/members/" + man + "/corrections";
        assertThat(member(view(c), man).get("name").isNull()).as("unknown at first").isTrue();

        Response named = api.post(NORTH, corrections, Map.of("field", "name", "value", "𠮷田 太郎",
                "reason", "訪問時に本人から聞き取り"));
        assertThat(named.status()).as(named.body().toString()).isEqualTo(200);
        assertThat(named.body().get("version").asLong()).isEqualTo(2);
        Response born = api.post(NORTH, corrections, Map.of("field", "birthDate", "value", "1953-07-07",
                "reason", "保険証で確認"));
        assertThat(born.status()).as(born.body().toString()).isEqualTo(200);

        JsonNode him = member(view(c), man);
        assertThat(him.get("name").asText()).isEqualTo("𠮷田 太郎");
        assertThat(him.get("birthDate").asText()).isEqualTo("1953-07-07");
        assertThat(him.path("birthYear").isMissingNode() || him.get("birthYear").isNull())
                .as("a known birth date replaces the approximate year").isTrue();

        Response renamed = api.post(NORTH, corrections, Map.of("field", "name", "value", "吉田 太郎",
                "reason", "表記の誤り"));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(member(view(c), man).get("name").asText()).isEqualTo("吉田 太郎");

        // The history keeps every value: each correction is an event of its own, sealed under the man's key.
        JsonNode events = api.get(AUDITOR, "/api/v1/audit/cases/" + c.caseId() + "/events").body().get("items");
        List<String> names = new ArrayList<>();
        for (JsonNode e : events) {
            if (e.get("type").asText().equals("kasane.PersonalDataCorrected")
                    && e.get("payload").get("field").asText().equals("name")) {
                names.add(vault.open(Api.JSON.convertValue(e.get("payload").get("value"), Sealed.class)).orElseThrow());
            }
        }
        assertThat(names).containsExactly("𠮷田 太郎", "吉田 太郎");
        assertThat(events.toString()).as("sealed, never in clear").doesNotContain("吉田", "保険証");
    }

    @Test
    void a_bad_value_a_stranger_or_someone_not_in_the_household_records_nothing() {
        OpenedCase c = api.open8050(NORTH);
        String son = c.personIds().get(1);
        String corrections = "/api/v1/cases/" + c.caseId() + "/members/" + son + "/corrections";
        int before = api.eventCount(c.caseId());

        Response bad = api.post(NORTH, corrections, Map.of("field", "birthDate", "value", "昭和49年", "reason", "　"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(fields(bad)).containsExactlyInAnyOrder("value", "reason");

        Response future = api.post(NORTH, corrections, Map.of("field", "birthDate", "value", "2999-01-01",
                "reason", "誤記"));
        assertThat(future.status()).isEqualTo(400);
        assertThat(fields(future)).containsExactly("value");
        Response blankName = api.post(NORTH, corrections, Map.of("field", "name", "value", "\u3000", "reason", "誤記"));
        assertThat(blankName.status()).isEqualTo(400);
        assertThat(fields(blankName)).containsExactly("value");
        Response noField = api.post(NORTH, corrections, Map.of("field", "address", "value", "x", "reason", "誤記"));
        assertThat(noField.status()).isEqualTo(400);

        Response stranger = api.post("demo-jiritsu", corrections, Map.of("field", "name", "value", "別人",
                "reason", "誤記"));
        assertThat(stranger.status()).isEqualTo(404);
        Response notAMember = api.post(NORTH, "/api/v1/cases/" + c.caseId() + "/members/no-such-person/corrections",
                Map.of("field", "name", "value", "別人", "reason", "誤記"));
        assertThat(notAMember.status()).isEqualTo(404);
        assertThat(api.post(NORTH, "/api/v1/people/" + son + "/corrections",
                Map.of("field", "name", "value", "別人", "reason", "誤記")).status())
                .as("the person's own request goes through an administrator").isEqualTo(403);

        assertThat(api.eventCount(c.caseId())).as("nothing recorded").isEqualTo(before);
        assertThat(member(view(c), son).get("name").asText()).isEqualTo("阪南 一郎");
    }

    @Test
    void an_administrator_answers_the_persons_request_by_person_id_alone() {
        OpenedCase c = api.open8050(NORTH);
        String son = c.personIds().get(1);
        api.consent(NORTH, c.caseId(), c.self(), List.of("jiritsu"), List.of("BASIC", "NOTES"));
        Map<String, String> request = Map.of("field", "name", "value", "阪南 一朗", "reason", "本人から訂正の請求");

        // The person index follows the events; once it has the son, his id is all the administrator needs.
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.post(ADMIN, "/api/v1/people/" + son + "/corrections", request).status() != 404);

        JsonNode sonView = member(view(c), son);
        assertThat(sonView.get("name").asText()).isEqualTo("阪南 一朗");
        assertThat(api.eventTypes(c.caseId())).containsOnlyOnce("kasane.PersonalDataCorrected");
        JsonNode jiritsu = api.get("demo-jiritsu", "/api/v1/cases/" + c.caseId()).body();
        assertThat(jiritsu.toString()).as("the mother's consent still covers the mother only").doesNotContain("阪南 一朗");

        assertThat(api.post(ADMIN, "/api/v1/people/no-such-person/corrections", request).status()).isEqualTo(404);

        assertThat(api.post(ADMIN, "/api/v1/people/" + son + "/erasure", Map.of("reason", "本人の請求")).status())
                .isEqualTo(200);
        int before = api.eventCount(c.caseId());
        Response erased = api.post(ADMIN, "/api/v1/people/" + son + "/corrections", request);
        assertThat(erased.status()).isEqualTo(409);
        assertThat(erased.code()).isEqualTo("PERSONAL_DATA_ERASED");
        assertThat(api.eventCount(c.caseId())).isEqualTo(before);
    }

    private JsonNode view(OpenedCase c) {
        return api.get(NORTH, "/api/v1/cases/" + c.caseId()).body();
    }

    private static JsonNode member(JsonNode view, String personId) {
        for (JsonNode m : view.get("household").get("members")) {
            if (m.get("personId").asText().equals(personId)) {
                return m;
            }
        }
        throw new AssertionError("no member " + personId);
    }

    private static List<String> fields(Response r) {
        List<String> fields = new ArrayList<>();
        r.body().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }
}
