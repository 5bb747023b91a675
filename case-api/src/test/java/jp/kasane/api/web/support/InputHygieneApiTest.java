package jp.kasane.api.web.support;

import com.fasterxml.jackson.databind.JsonNode;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Input hygiene at the boundary (docs/api.md "Text" and "Input"): each malformed body is a 400 naming the bad field,
 * records nothing, and never a 500; Japanese text of every kind is stored and returned exactly.
 */
@KasaneIntegrationTest
class InputHygieneApiTest {

    static final String OPENER = "demo-houkatsu-north";

    @Autowired
    Api api;

    @Test
    void malformed_text_and_json_are_a_400_naming_the_field_and_record_nothing() {
        Api.OpenedCase c = api.open8050(OPENER);
        String consultations = "/api/v1/cases/" + c.caseId() + "/consultations";
        String consents = "/api/v1/cases/" + c.caseId() + "/consents";
        SoftAssertions soft = new SoftAssertions();
        // Raw JSON text, so that escapes and duplicate keys reach the server as written.
        refused(soft, "an unpaired surrogate", consultations,
                "{\"occurredAt\":\"2026-04-10T01:00:00Z\",\"channel\":\"PHONE\",\"summary\":\"\\ud800x\"}", "summary");
        refused(soft, "a lone low surrogate", consultations,
                "{\"occurredAt\":\"2026-04-10T01:00:00Z\",\"channel\":\"PHONE\",\"summary\":\"x\\udc00\"}", "summary");
        refused(soft, "NUL in a text", consultations,
                "{\"occurredAt\":\"2026-04-10T01:00:00Z\",\"channel\":\"PHONE\",\"summary\":\"a\\u0000b\"}", "summary");
        refused(soft, "a bell in a text", consultations,
                "{\"occurredAt\":\"2026-04-10T01:00:00Z\",\"channel\":\"PHONE\",\"summary\":\"a\\u0007b\"}", "summary");
        refused(soft, "NUL in an id", consents, "{\"givenBy\":{\"personId\":\"a\\u0000b\",\"capacity\":\"SELF\"},"
                + "\"agencyIds\":[\"jiritsu\"],\"purposes\":[\"SUPPORT_COORDINATION\"],\"categories\":[\"BASIC\"],"
                + "\"validUntil\":\"2027-01-01\"}", "givenBy.personId");
        refused(soft, "NUL in an id of a list", consents, "{\"givenBy\":{\"personId\":\"" + c.self() + "\",\"capacity\":\"SELF\"},"
                + "\"agencyIds\":[\"jiritsu\",\"ki\\u0000kan\"],\"purposes\":[\"SUPPORT_COORDINATION\"],\"categories\":[\"BASIC\"],"
                + "\"validUntil\":\"2027-01-01\"}", "agencyIds[1]");
        refused(soft, "a duplicate key", consultations,
                "{\"occurredAt\":\"2026-04-10T01:00:00Z\",\"channel\":\"PHONE\",\"summary\":\"一\",\"summary\":\"二\"}", "summary");
        refused(soft, "a number where text belongs", consultations,
                "{\"occurredAt\":\"2026-04-10T01:00:00Z\",\"channel\":\"PHONE\",\"summary\":12345}", "summary");
        refused(soft, "a boolean where text belongs", consultations,
                "{\"occurredAt\":\"2026-04-10T01:00:00Z\",\"channel\":\"PHONE\",\"summary\":true}", "summary");
        refused(soft, "a number where an instant belongs (not seconds since 1970)", consultations,
                "{\"occurredAt\":12345,\"channel\":\"PHONE\",\"summary\":\"電話\"}", "occurredAt");
        refused(soft, "an array where a date belongs", consents, "{\"givenBy\":{\"personId\":\"" + c.self() + "\",\"capacity\":\"SELF\"},"
                + "\"agencyIds\":[\"jiritsu\"],\"purposes\":[\"SUPPORT_COORDINATION\"],\"categories\":[\"BASIC\"],"
                + "\"validUntil\":[2027,1,1]}", "validUntil");
        refused(soft, "full-width spaces only", consultations,
                "{\"occurredAt\":\"2026-04-10T01:00:00Z\",\"channel\":\"PHONE\",\"summary\":\"\u3000\u3000\"}", "summary");
        refused(soft, "no-break spaces only", consultations,
                "{\"occurredAt\":\"2026-04-10T01:00:00Z\",\"channel\":\"PHONE\",\"summary\":\"\u00a0\u2007\"}", "summary");
        refused(soft, "10,001 characters outside the BMP", consultations,
                "{\"occurredAt\":\"2026-04-10T01:00:00Z\",\"channel\":\"PHONE\",\"summary\":\"" + "𠮷".repeat(10_001) + "\"}", "summary");
        refused(soft, "text where a boolean belongs", "/api/v1/cases/" + c.caseId() + "/escalation", "{\"reason\":\"x\",\"coordinatorAgencyId\":true}",
                "coordinatorAgencyId");
        soft.assertAll();
    }

    @Test
    void lists_are_bounded_without_duplicates_and_a_household_has_one_self() throws Exception {
        Api.OpenedCase c = api.open8050(OPENER);
        String consultations = "/api/v1/cases/" + c.caseId() + "/consultations";
        String consents = "/api/v1/cases/" + c.caseId() + "/consents";
        SoftAssertions soft = new SoftAssertions();
        List<String> manyIssues = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            manyIssues.add("ISSUE_8050");
        }
        refused(soft, "1,000 issue codes (100,000 exceed the 1 MiB body: 413)", consultations, Api.JSON.writeValueAsString(Map.of("occurredAt", "2026-04-10T01:00:00Z",
                "channel", "PHONE", "summary", "電話", "issues", manyIssues)), "issues");
        refused(soft, "an issue code twice", consultations, Api.JSON.writeValueAsString(Map.of("occurredAt", "2026-04-10T01:00:00Z",
                "channel", "PHONE", "summary", "電話", "issues", List.of("DEBT", "DEBT"))), "issues");
        refused(soft, "an agency twice in a consent", consents, Api.JSON.writeValueAsString(Map.of(
                "givenBy", Map.of("personId", c.self(), "capacity", "SELF"), "agencyIds", List.of("jiritsu", "jiritsu"),
                "purposes", List.of("SUPPORT_COORDINATION"), "categories", List.of("BASIC"), "validUntil", "2027-01-01")), "agencyIds");
        refused(soft, "two SELF members", "/api/v1/cases", Api.JSON.writeValueAsString(Map.of("occurredAt", "2026-04-03T01:00:00Z",
                "channel", "VISIT", "summary", "来所相談", "household", Map.of("members", List.of(
                        Api.member("阪南 花子", "1944-05-01", "SELF"), Api.member("阪南 一郎", "1974-09-12", "SELF"))))),
                "household.members[1].relationship");
        soft.assertAll();
    }

    @Test
    void japanese_text_of_every_kind_is_stored_and_returned_exactly() {
        Api.OpenedCase c = api.open8050(OPENER);
        // Half-width kana, a character outside the BMP, a combining mark (not normalised), a 和暦 date, tab and
        // line feed, and 10,000 characters of 𠮷 (20,000 UTF-16 units) in another.
        String text = "ｱﾍﾞ ﾀﾛｳ\t𠮷野家\nか\u3099 令和8年4月1日 Ｒ８．４．１";
        Response r = api.post(OPENER, "/api/v1/cases/" + c.caseId() + "/consultations",
                Map.of("occurredAt", "2026-04-10T01:00:00Z", "channel", "PHONE", "summary", text));
        Response longest = api.post(OPENER, "/api/v1/cases/" + c.caseId() + "/consultations",
                Map.of("occurredAt", "2026-04-10T01:00:00Z", "channel", "PHONE", "summary", "𠮷".repeat(10_000)));
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(r.status()).isEqualTo(201);
        soft.assertThat(longest.status()).as("10,000 characters, counted in code points").isEqualTo(201);
        List<String> summaries = new ArrayList<>();
        for (JsonNode k : api.get(OPENER, "/api/v1/cases/" + c.caseId()).body().get("consultations")) {
            summaries.add(k.path("summary").asText());
        }
        soft.assertThat(summaries).contains(text, "𠮷".repeat(10_000));
        soft.assertAll();
    }

    @Test
    void an_unknown_agency_is_named_in_the_same_answer_as_every_other_bad_field() {
        Api.OpenedCase c = api.open8050(OPENER);
        SoftAssertions soft = new SoftAssertions();
        refusedAll(soft, "a referral to no agency, without a reason", "/api/v1/cases/" + c.caseId() + "/referrals",
                "{\"toAgencyId\":\"no-such-agency\",\"reason\":\"\u3000\",\"basis\":\"CONSENT\"}",
                List.of("toAgencyId", "reason"));
        refusedAll(soft, "a consent naming an unknown agency and an unknown purpose", "/api/v1/cases/" + c.caseId() + "/consents",
                "{\"givenBy\":{\"personId\":\"" + c.self() + "\",\"capacity\":\"SELF\"},"
                        + "\"agencyIds\":[\"jiritsu\",\"no-such-agency\"],\"purposes\":[],\"categories\":[\"BASIC\"],"
                        + "\"validUntil\":\"2027-01-01\"}",
                List.of("agencyIds[1]", "purposes"));
        refusedAll(soft, "a meeting with an unknown attendee and no day", "/api/v1/meetings",
                "{\"kind\":\"MULTILAYER_MEETING\",\"attendees\":[{\"agencyId\":\"jiritsu\"},{\"agencyId\":\"nowhere\"}],"
                        + "\"caseIds\":[\"" + c.caseId() + "\"]}",
                List.of("attendees[1].agencyId", "heldOn"));
        soft.assertAll();
    }

    private void refusedAll(SoftAssertions soft, String what, String path, String json, List<String> expected) {
        int total = api.totalEvents();
        Response r = api.post(path.startsWith("/api/v1/meetings") ? "demo-coordinator" : OPENER, path, json);
        soft.assertThat(r.status()).as("%s (answer %s)", what, r.body()).isEqualTo(400);
        soft.assertThat(r.code()).as(what).isEqualTo("VALIDATION_FAILED");
        List<String> fields = new ArrayList<>();
        if (r.body() != null && r.body().has("errors")) {
            r.body().get("errors").forEach(e -> fields.add(e.path("field").asText()));
        }
        soft.assertThat(fields).as("%s: every bad field in one answer", what).containsExactlyInAnyOrderElementsOf(expected);
        soft.assertThat(r.body().toString()).as(what).contains("is not an agency in the registry");
        soft.assertThat(api.totalEvents()).as("%s: nothing recorded", what).isEqualTo(total);
    }

    private void refused(SoftAssertions soft, String what, String path, String json, String field) {
        int total = api.totalEvents();
        Response r = api.post(OPENER, path, json);
        soft.assertThat(r.status()).as("%s (answer %s)", what, r.body()).isEqualTo(400);
        soft.assertThat(r.header("Content-Type")).as(what).isEqualTo("application/problem+json");
        soft.assertThat(r.code()).as(what).isEqualTo("VALIDATION_FAILED");
        List<String> fields = new ArrayList<>();
        if (r.body() != null && r.body().has("errors")) {
            r.body().get("errors").forEach(e -> fields.add(e.path("field").asText()));
        }
        soft.assertThat(fields).as("%s: the field named", what).contains(field);
        soft.assertThat(api.totalEvents()).as("%s: nothing recorded", what).isEqualTo(total);
    }
}
