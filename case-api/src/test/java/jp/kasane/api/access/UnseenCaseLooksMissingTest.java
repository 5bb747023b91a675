package jp.kasane.api.access;

import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.api.support.TestClock;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One answer for "not yours" (docs/access-model.md "A refused read looks like a missing case"): on every endpoint
 * that names a case, a case the caller may not see answers exactly what a case that does not exist answers: the
 * same status, headers that matter and body, field for field in the same order; only {@code instance}, which echoes
 * the path asked, differs. Bodies that would fail a check depending on the case (a person not in its household, a
 * stale {@code If-Match}) must not tell the two apart either: the basis is checked before anything that depends on
 * the case. A body malformed on its own (a bad enum, a missing field) is a {@code 400} whether or not the case exists,
 * so it tells nothing either.
 *
 * <p>Not here, on purpose: {@code POST /cases/{id}/vital-interest-reads}, which is itself a legal basis for any
 * case (APPI's vital-interest exception, flagged for review), and the auditors' endpoints, which see every case.
 */
@KasaneIntegrationTest
class UnseenCaseLooksMissingTest {

    static final String OPENER = "demo-houkatsu-north";
    static final String STRANGER = "demo-kikan";
    static final String COORDINATOR = "demo-coordinator";
    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    /** One request, sent once for the case that exists and once for a case id that does not. */
    record Call(String name, String key, String method, String path, Object body, Map<String, String> headers) {
    }

    @Autowired
    Api api;
    @Autowired
    TestClock clock;

    @Test
    void every_endpoint_that_names_a_case_answers_an_unseen_case_as_a_missing_one() {
        Api.OpenedCase c = api.open8050(OPENER);
        String consentId = api.consent(OPENER, c.caseId(), c.self(), List.of("jiritsu"), List.of("BASIC"));
        String referralId = api.post(OPENER, "/api/v1/cases/" + c.caseId() + "/referrals", Map.of("toAgencyId", "jiritsu",
                "reason", "家計相談", "basis", "CONSENT")).text("referralId");
        // A meeting the coordinator convened on a case of its own, to ask for decisions on the other one.
        Api.OpenedCase own = api.open8050(COORDINATOR);
        String meetingId = api.post(COORDINATOR, "/api/v1/meetings", Map.of("kind", "SUPPORT_MEETING",
                "heldOn", today().toString(), "attendees", List.of(Map.of("agencyId", "kodomo")),
                "caseIds", List.of(own.caseId()))).text("meetingId");
        String missing = UUID.randomUUID().toString();

        SoftAssertions soft = new SoftAssertions();
        int total = api.totalEvents();
        for (Call call : calls(c.self(), consentId, referralId, meetingId)) {
            Response unseen = send(call, c.caseId());
            Response none = send(call, missing);
            soft.assertThat(unseen.status()).as("%s: status (answer %s)", call.name(), unseen.body()).isEqualTo(none.status());
            if (call.name().endsWith("malformed")) {
                soft.assertThat(unseen.status()).as("%s: malformed on its own, whatever the case", call.name()).isEqualTo(400);
            } else {
                soft.assertThat(unseen.status()).as("%s: refused", call.name()).isIn(403, 404);
            }
            soft.assertThat(unseen.bodyWithoutInstance().toString()).as("%s: body", call.name())
                    .isEqualTo(none.bodyWithoutInstance().toString());
            for (String header : List.of("Content-Type", "ETag", "Location", "Retry-After")) {
                soft.assertThat(unseen.header(header)).as("%s: %s", call.name(), header).isEqualTo(none.header(header));
            }
            soft.assertThat(unseen.bodyWithoutInstance().toString()).as("%s: nothing of the case", call.name())
                    .doesNotContain(c.caseId()).doesNotContain("阪南");
        }
        soft.assertThat(api.totalEvents()).as("nothing recorded").isEqualTo(total);
        soft.assertAll();
    }

    private List<Call> calls(String mother, String consentId, String referralId, String meetingId) {
        String cases = "/api/v1/cases/{case}";
        Map<String, Object> consultation = Map.of("occurredAt", "2026-04-10T01:00:00Z", "channel", "PHONE", "summary", "電話");
        Map<String, Object> text = Map.of("occurredAt", "2026-04-10T01:00:00Z", "summary", "訪問");
        return List.of(
                new Call("read", STRANGER, "GET", cases, null, Map.of()),
                new Call("read for the 重層的支援会議", STRANGER, "GET", cases + "?purpose=MULTILAYER_MEETING", null, Map.of()),
                new Call("consultation", STRANGER, "POST", cases + "/consultations", consultation, Map.of()),
                new Call("consultation with a stale If-Match", STRANGER, "POST", cases + "/consultations", consultation,
                        Map.of("If-Match", "\"999\"")),
                new Call("consultation about a person not in the household", STRANGER, "POST", cases + "/consultations",
                        with(consultation, "aboutPersonIds", List.of("no-such-person")), Map.of()),
                new Call("consultation, malformed", STRANGER, "POST", cases + "/consultations", Map.of("channel", "FAX"), Map.of()),
                new Call("assessment", STRANGER, "POST", cases + "/assessments", text, Map.of()),
                new Call("monitoring note", STRANGER, "POST", cases + "/monitoring-notes", text, Map.of()),
                new Call("consent", STRANGER, "POST", cases + "/consents", Map.of(
                        "givenBy", Map.of("personId", mother, "capacity", "SELF"), "agencyIds", List.of("kikan"),
                        "purposes", List.of("SUPPORT_COORDINATION"), "categories", List.of("BASIC"),
                        "validUntil", today().plusYears(1).toString()), Map.of()),
                new Call("consent by a person not in the household", STRANGER, "POST", cases + "/consents", Map.of(
                        "givenBy", Map.of("personId", "no-such-person", "capacity", "PARENT"), "agencyIds", List.of("kikan"),
                        "purposes", List.of("SUPPORT_COORDINATION"), "categories", List.of("BASIC"),
                        "validUntil", today().plusYears(1).toString()), Map.of()),
                new Call("consent withdrawal", STRANGER, "POST", cases + "/consents/" + consentId + "/withdrawal",
                        Map.of("reason", "本人の申し出"), Map.of()),
                new Call("consent narrowing", STRANGER, "POST", cases + "/consents/" + consentId + "/narrowing",
                        Map.of("categories", List.of("BASIC")), Map.of()),
                new Call("referral", STRANGER, "POST", cases + "/referrals", Map.of("toAgencyId", "jiritsu",
                        "reason", "家計相談", "basis", "CONSENT"), Map.of()),
                new Call("referral acceptance", STRANGER, "POST", cases + "/referrals/" + referralId + "/acceptance", null, Map.of()),
                new Call("referral decline", STRANGER, "POST", cases + "/referrals/" + referralId + "/decline",
                        Map.of("reason", "枠がない"), Map.of()),
                new Call("referral withdrawal", STRANGER, "POST", cases + "/referrals/" + referralId + "/withdrawal", null, Map.of()),
                new Call("referral completion", STRANGER, "POST", cases + "/referrals/" + referralId + "/completion", null, Map.of()),
                new Call("escalation", STRANGER, "POST", cases + "/escalation", Map.of("reason", "複合課題"), Map.of()),
                new Call("closure", STRANGER, "POST", cases + "/closure", Map.of("reason", "転居", "evaluation", "転居した"), Map.of()),
                new Call("a 支援会議 on the case", COORDINATOR, "POST", "/api/v1/meetings", Map.of("kind", "SUPPORT_MEETING",
                        "heldOn", today().toString(), "attendees", List.of(Map.of("agencyId", "kodomo")),
                        "caseIds", List.of("{case}")), Map.of()),
                new Call("a 重層的支援会議 on the case", COORDINATOR, "POST", "/api/v1/meetings", Map.of("kind", "MULTILAYER_MEETING",
                        "heldOn", today().toString(), "attendees", List.of(Map.of("agencyId", "kodomo")),
                        "caseIds", List.of("{case}")), Map.of()),
                new Call("decisions on the case", COORDINATOR, "POST", "/api/v1/meetings/" + meetingId + "/decisions",
                        Map.of("caseId", "{case}", "decisions", List.of(Map.of("type", "RESOURCE_GAP", "description", "居場所がない"))),
                        Map.of()));
    }

    private Response send(Call call, String caseId) {
        Object body = call.body() == null ? null : Api.JSON.valueToTree(call.body()).toString().replace("{case}", caseId);
        return api.send(call.key(), call.method(), call.path().replace("{case}", caseId), body, call.headers());
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> out = new LinkedHashMap<>(body);
        out.put(field, value);
        return out;
    }

    private LocalDate today() {
        return clock.instant().atZone(JAPAN).toLocalDate();
    }
}
