package jp.kasane.api.scenarios;

import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.OpenedCase;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.api.support.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every illegal transition and every missing basis, one row each: a setup (a case brought to the state the rule is
 * about), the request, and the answer it must get. Every row also proves that nothing was recorded: the event count
 * of every case and meeting the row touches, and the event store's total, are the same after the refusal as
 * before. A refused request that records half of itself (a meeting's decision without the case's, one case of an
 * agenda but not the next) fails here.
 *
 * <p>Paths and bodies name what the setup made with placeholders: {@code {case}}, {@code {case2}},
 * {@code {meeting}}, {@code {referral}}, {@code {consent}}, {@code {self}}, {@code {child}}.
 */
@KasaneIntegrationTest
class RuleRefusalsTest {

    static final String HOUKATSU = "demo-houkatsu-north";
    static final String JIRITSU = "demo-jiritsu";
    static final String KIKAN = "demo-kikan";
    static final String COORDINATOR = "demo-coordinator";
    static final String TODAY = LocalDate.now(ZoneId.of("Asia/Tokyo")).toString();
    static final String PAST = "2026-06-01T01:00:00Z";
    static final List<String> FOR_THE_MEETING = List.of("SUPPORT_COORDINATION", "MULTILAYER_MEETING");

    @Autowired
    Api api;
    @Autowired
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static Stream<Refusal> refusals() {
        return Stream.of(
                // ---- INVALID_TRANSITION: the phase table (CaseAction) and the referral answers ----------------------
                refusal("an assessment after the plan is adopted", Given::planned,
                        post(HOUKATSU, "/api/v1/cases/{case}/assessments", Map.of("occurredAt", PAST, "summary", "再アセスメント")),
                        409, "INVALID_TRANSITION"),
                refusal("ACCEPT_FOR_SUPPORT twice", Given::acceptedForSupport,
                        decide(COORDINATOR, "{case}", Map.of("type", "ACCEPT_FOR_SUPPORT")),
                        409, "INVALID_TRANSITION"),
                refusal("ADOPT_PLAN in INTAKE (no 支援決定 yet)", Given::onMultilayerAgenda,
                        decide(COORDINATOR, "{case}", adoptPlan()),
                        409, "INVALID_TRANSITION"),
                refusal("APPROVE_PARTICIPATION_SUPPORT before a plan", Given::acceptedForSupport,
                        decide(COORDINATOR, "{case}", Map.of("type", "APPROVE_PARTICIPATION_SUPPORT", "partnerAgencyId", "npo-ibasho")),
                        409, "INVALID_TRANSITION"),
                refusal("EVALUATE in INTAKE", Given::onMultilayerAgenda,
                        decide(COORDINATOR, "{case}", Map.of("type", "EVALUATE", "evaluation", "評価")),
                        409, "INVALID_TRANSITION"),
                refusal("a CLOSE decision before an evaluation", Given::planned,
                        decide(COORDINATOR, "{case}", Map.of("type", "CLOSE", "reason", "終結")),
                        409, "INVALID_TRANSITION"),
                refusal("ACCEPT_FOR_SUPPORT then ADOPT_PLAN then a CLOSE in one request: all or nothing", Given::onMultilayerAgenda,
                        decide(COORDINATOR, "{case}", Map.of("type", "ACCEPT_FOR_SUPPORT"), adoptPlan(),
                                Map.of("type", "CLOSE", "reason", "終結")),
                        409, "INVALID_TRANSITION"),
                refusal("closure of a CLOSED case", Given::closed,
                        post(HOUKATSU, "/api/v1/cases/{case}/closure", Map.of("reason", "再度終結", "evaluation", "評価")),
                        409, "INVALID_TRANSITION"),
                refusal("escalation of a CLOSED case", Given::closed,
                        post(HOUKATSU, "/api/v1/cases/{case}/escalation", Map.of("reason", "多機関協働へ")),
                        409, "INVALID_TRANSITION"),
                refusal("a referral on a CLOSED case", Given::closed,
                        post(HOUKATSU, "/api/v1/cases/{case}/referrals", referralTo("jiritsu")),
                        409, "INVALID_TRANSITION"),
                refusal("accepting a DECLINED referral", Given::referralDeclined,
                        post(JIRITSU, "/api/v1/cases/{case}/referrals/{referral}/acceptance", null),
                        409, "INVALID_TRANSITION"),
                refusal("withdrawing an ACCEPTED referral", Given::referralAccepted,
                        post(HOUKATSU, "/api/v1/cases/{case}/referrals/{referral}/withdrawal", Map.of("reason", "取り下げ")),
                        409, "INVALID_TRANSITION"),
                refusal("completing a REQUESTED referral", Given::referredToJiritsu,
                        post(JIRITSU, "/api/v1/cases/{case}/referrals/{referral}/completion", null),
                        409, "INVALID_TRANSITION"),

                // ---- missing basis: consent, a 支援会議 decision, what a 支援会議 may decide -----------------------
                refusal("a referral without any consent", Given::intake,
                        post(HOUKATSU, "/api/v1/cases/{case}/referrals", referralTo("jiritsu")),
                        409, "CONSENT_REQUIRED", r -> assertThat(r.text("detail")).contains("jiritsu")),
                refusal("a referral for categories the consent does not cover (HEALTH)", Given::consented,
                        post(HOUKATSU, "/api/v1/cases/{case}/referrals", Map.of("toAgencyId", "jiritsu", "reason", "通院の相談",
                                "basis", "CONSENT", "categories", List.of("BASIC", "HEALTH"))),
                        409, "CONSENT_REQUIRED"),
                refusal("a referral to an agency the consent does not name", Given::consented,
                        post(HOUKATSU, "/api/v1/cases/{case}/referrals", referralTo("kodomo")),
                        409, "CONSENT_REQUIRED", r -> assertThat(r.text("detail")).contains("kodomo")),
                refusal("a referral resting on a withdrawn consent", Given::consentWithdrawn,
                        post(HOUKATSU, "/api/v1/cases/{case}/referrals", referralTo("jiritsu")),
                        409, "CONSENT_REQUIRED"),
                refusal("a MULTILAYER_MEETING with an attendee the second case's consent does not cover", Given::twoCasesKikanCoveredOnlyOnTheFirst,
                        convene(COORDINATOR, "MULTILAYER_MEETING", List.of("houkatsu-north", "jiritsu", "kikan"), "{case}", "{case2}"),
                        409, "CONSENT_REQUIRED", r -> assertThat(r.text("detail")).contains("kikan").contains("{case2}")),
                refusal("a referral on the basis of a 支援会議 that took no REFER decision", Given::onSupportMeetingAgenda,
                        post(HOUKATSU, "/api/v1/cases/{case}/referrals", Map.of("toAgencyId", "jiritsu", "reason", "支援会議で共有済み",
                                "basis", "SUPPORT_MEETING_ART_106_6")),
                        409, "MEETING_DECISION_REQUIRED"),
                refusal("a SUPPORT_MEETING adopting a plan", Given::onSupportMeetingAgenda,
                        decide(COORDINATOR, "{case}", adoptPlan()),
                        409, "DECISION_NOT_ALLOWED"),
                refusal("a SUPPORT_MEETING approving participation support", Given::onSupportMeetingAgenda,
                        decide(COORDINATOR, "{case}", Map.of("type", "APPROVE_PARTICIPATION_SUPPORT", "partnerAgencyId", "npo-ibasho")),
                        409, "DECISION_NOT_ALLOWED"),
                refusal("a SUPPORT_MEETING accepting the case for support (支援決定 is the 重層的支援会議's)", Given::onSupportMeetingAgenda,
                        decide(COORDINATOR, "{case}", Map.of("type", "ACCEPT_FOR_SUPPORT")),
                        409, "DECISION_NOT_ALLOWED"),
                refusal("a SUPPORT_MEETING evaluating", Given::onSupportMeetingAgenda,
                        decide(COORDINATOR, "{case}", Map.of("type", "EVALUATE", "evaluation", "評価")),
                        409, "DECISION_NOT_ALLOWED"),
                refusal("a SUPPORT_MEETING closing the case", Given::onSupportMeetingAgenda,
                        decide(COORDINATOR, "{case}", Map.of("type", "CLOSE", "reason", "終結")),
                        409, "DECISION_NOT_ALLOWED"),
                refusal("a SUPPORT_MEETING suspending support", Given::onSupportMeetingAgenda,
                        decide(COORDINATOR, "{case}", Map.of("type", "SUSPEND", "reason", "中断")),
                        409, "DECISION_NOT_ALLOWED"),
                refusal("a MULTILAYER_MEETING setting a 支援会議's direction", Given::onMultilayerAgenda,
                        decide(COORDINATOR, "{case}", setDirection()),
                        409, "DECISION_NOT_ALLOWED"),
                refusal("a 支援会議 decision by a convener that has not acknowledged 守秘義務", Given::onSupportMeetingAgendaUnacknowledged,
                        decide(COORDINATOR, "{case}", setDirection()),
                        404, "NOT_FOUND"),
                refusal("a 支援会議 held in 2099", Given::escalated,
                        new Call(COORDINATOR, "/api/v1/meetings", Map.of("kind", "SUPPORT_MEETING", "heldOn", "2099-12-31",
                                "attendees", List.of(Map.of("agencyId", "kodomo")), "caseIds", List.of("{case}"))),
                        400, "VALIDATION_FAILED", r -> assertRule(r, "HELD_ON_OUT_OF_RANGE", "heldOn")),
                refusal("a MULTILAYER_MEETING on a consent that does not name the 重層的支援会議 as a purpose", Given::escalatedOnACoordinationConsent,
                        convene(COORDINATOR, "MULTILAYER_MEETING", List.of("houkatsu-north", "jiritsu"), "{case}"),
                        409, "CONSENT_REQUIRED"),

                // ---- no basis at all: the case does not exist for the caller --------------------------------------
                refusal("a consultation by an agency without basis", Given::intake,
                        post(JIRITSU, "/api/v1/cases/{case}/consultations", Map.of("occurredAt", PAST, "channel", "PHONE", "summary", "相談")),
                        404, "NOT_FOUND"),
                refusal("a consent recorded by an agency without basis", Given::intake,
                        post(JIRITSU, "/api/v1/cases/{case}/consents", consentBy("{self}", "SELF")),
                        404, "NOT_FOUND"),
                refusal("a referral by an agency without basis", Given::intake,
                        post(JIRITSU, "/api/v1/cases/{case}/referrals", referralTo("kikan")),
                        404, "NOT_FOUND"),
                refusal("an escalation by an agency without basis", Given::intake,
                        post(JIRITSU, "/api/v1/cases/{case}/escalation", Map.of("reason", "多機関協働へ")),
                        404, "NOT_FOUND"),
                refusal("a meeting on a case the coordinator neither holds nor is named in a consent for", Given::intake,
                        convene(COORDINATOR, "SUPPORT_MEETING", List.of("houkatsu-north", "jiritsu"), "{case}"),
                        404, "NOT_FOUND"),
                refusal("decisions on a case the coordinator cannot see, though not on the agenda: no existence oracle", Given::onSupportMeetingAgendaAndAnUnseenCase,
                        decide(COORDINATOR, "{case2}", setDirection()),
                        404, "NOT_FOUND"),
                refusal("completing an accepted referral after the consent it rested on was withdrawn", Given::referralAcceptedThenConsentWithdrawn,
                        post(JIRITSU, "/api/v1/cases/{case}/referrals/{referral}/completion", null),
                        404, "NOT_FOUND"),

                // ---- reading is not holding: only a holder writes (403 NOT_A_HOLDER where the caller may read) -----
                refusal("a consent recorded by an agency that reads on a consent", Given::consented,
                        post(JIRITSU, "/api/v1/cases/{case}/consents", consentBy("{self}", "SELF")),
                        403, "NOT_A_HOLDER"),
                refusal("a consent withdrawn by an agency that reads on a consent", Given::consented,
                        post(JIRITSU, "/api/v1/cases/{case}/consents/{consent}/withdrawal", Map.of("reason", "本人の申し出")),
                        403, "NOT_A_HOLDER"),
                refusal("a consultation by an agency that reads on a consent", Given::consented,
                        post(JIRITSU, "/api/v1/cases/{case}/consultations", Map.of("occurredAt", PAST, "channel", "PHONE", "summary", "相談")),
                        403, "NOT_A_HOLDER"),
                refusal("a referral by an agency that reads on a consent", Given::consented,
                        post(JIRITSU, "/api/v1/cases/{case}/referrals", referralTo("kikan")),
                        403, "NOT_A_HOLDER"),
                refusal("closure by an agency that reads on a consent", Given::consented,
                        post(JIRITSU, "/api/v1/cases/{case}/closure", Map.of("reason", "終結", "evaluation", "評価")),
                        403, "NOT_A_HOLDER"),
                refusal("a consent recorded by a 支援会議 attendee (Art. 106-6 lets it know, not hold)", Given::onSupportMeetingAgenda,
                        post(JIRITSU, "/api/v1/cases/{case}/consents", consentBy("{self}", "SELF")),
                        403, "NOT_A_HOLDER"),
                refusal("a consent recorded by the coordinator on an escalation alone", Given::escalatedWithoutConsent,
                        post(COORDINATOR, "/api/v1/cases/{case}/consents", consentBy("{self}", "SELF")),
                        404, "NOT_FOUND"),

                // ---- who may do it ----------------------------------------------------------------------------------
                refusal("another agency answering a referral", Given::referredToJiritsu,
                        post(KIKAN, "/api/v1/cases/{case}/referrals/{referral}/decline", Map.of("reason", "代わりに断る")),
                        403, "NOT_RECEIVING_AGENCY"),
                refusal("the sender accepting its own referral", Given::referredToJiritsu,
                        post(HOUKATSU, "/api/v1/cases/{case}/referrals/{referral}/acceptance", null),
                        403, "NOT_RECEIVING_AGENCY"),
                refusal("the receiver withdrawing a referral", Given::referredToJiritsu,
                        post(JIRITSU, "/api/v1/cases/{case}/referrals/{referral}/withdrawal", Map.of("reason", "取り下げ")),
                        403, "NOT_SENDING_AGENCY"),
                refusal("closure by a holder that is not the lead (主担当)", Given::referralAccepted,
                        post(JIRITSU, "/api/v1/cases/{case}/closure", Map.of("reason", "終結", "evaluation", "評価")),
                        403, "NOT_LEAD_AGENCY"),
                refusal("convening a meeting with a CASEWORKER key", Given::escalated,
                        convene(HOUKATSU, "MULTILAYER_MEETING", List.of("jiritsu"), "{case}"),
                        403, "FORBIDDEN"),
                refusal("recording decisions with a CASEWORKER key", Given::acceptedForSupport,
                        decide(HOUKATSU, "{case}", adoptPlan()),
                        403, "FORBIDDEN"),

                // ---- what already happened --------------------------------------------------------------------------
                refusal("escalating twice", Given::escalated,
                        post(HOUKATSU, "/api/v1/cases/{case}/escalation", Map.of("reason", "もう一度")),
                        409, "ALREADY_ESCALATED"),
                refusal("a second open referral to the same agency", Given::referredToJiritsu,
                        post(HOUKATSU, "/api/v1/cases/{case}/referrals", referralTo("jiritsu")),
                        409, "REFERRAL_ALREADY_OPEN"),
                refusal("withdrawing a consent twice", Given::consentWithdrawn,
                        post(HOUKATSU, "/api/v1/cases/{case}/consents/{consent}/withdrawal", Map.of("reason", "再度")),
                        409, "CONSENT_ALREADY_WITHDRAWN"),
                refusal("accepting a referral whose consent has expired since it was sent: the receiver no longer sees the case",
                        Given::referredOnAConsentSinceExpired,
                        post(JIRITSU, "/api/v1/cases/{case}/referrals/{referral}/acceptance", null),
                        404, "NOT_FOUND"),
                refusal("decisions on a case not on the meeting's agenda", Given::meetingAndAnotherEscalatedCase,
                        decide(COORDINATOR, "{case2}", Map.of("type", "ACCEPT_FOR_SUPPORT")),
                        409, "CASE_NOT_ON_AGENDA"),

                // ---- bad input --------------------------------------------------------------------------------------
                refusal("consent given by a family member in capacity FAMILY", Given::intake,
                        post(HOUKATSU, "/api/v1/cases/{case}/consents", consentBy("{child}", "FAMILY")),
                        400, "VALIDATION_FAILED", r -> assertThat(fields(r)).containsExactly("givenBy.capacity")),
                refusal("a PARENT consent for an adult son (52): a family member cannot consent for an adult", Given::intake,
                        post(HOUKATSU, "/api/v1/cases/{case}/consents", Map.of("givenBy", Map.of("personId", "{self}", "capacity", "PARENT"),
                                "aboutPersonIds", List.of("{child}"), "agencyIds", List.of("jiritsu"),
                                "purposes", List.of("SUPPORT_COORDINATION"), "categories", List.of("BASIC"),
                                "validUntil", Api.CONSENT_VALID_UNTIL)),
                        400, "VALIDATION_FAILED", r -> assertRule(r, "NOT_A_MINOR_CHILD", "aboutPersonIds[0]")),
                refusal("a SELF consent by the mother about her son", Given::intake,
                        post(HOUKATSU, "/api/v1/cases/{case}/consents", Map.of("givenBy", Map.of("personId", "{self}", "capacity", "SELF"),
                                "aboutPersonIds", List.of("{self}", "{child}"), "agencyIds", List.of("jiritsu"),
                                "purposes", List.of("SUPPORT_COORDINATION"), "categories", List.of("BASIC"),
                                "validUntil", Api.CONSENT_VALID_UNTIL)),
                        400, "VALIDATION_FAILED", r -> assertRule(r, "NOT_THE_GIVER", "aboutPersonIds[1]")),
                refusal("consent given by a person not in the household", Given::intake,
                        post(HOUKATSU, "/api/v1/cases/{case}/consents", consentBy(UUID.randomUUID().toString(), "SELF")),
                        400, "VALIDATION_FAILED", r -> assertThat(fields(r)).containsExactly("givenBy.personId")),
                refusal("a referral to an agency not in the registry", Given::consented,
                        post(HOUKATSU, "/api/v1/cases/{case}/referrals", referralTo("no-such-agency")),
                        400, "VALIDATION_FAILED", r -> assertThat(fields(r)).containsExactly("toAgencyId")),
                refusal("a consent naming an agency not in the registry", Given::intake,
                        post(HOUKATSU, "/api/v1/cases/{case}/consents", Map.of("givenBy", Map.of("personId", "{self}", "capacity", "SELF"),
                                "agencyIds", List.of("jiritsu", "no-such-agency"), "purposes", List.of("SUPPORT_COORDINATION"),
                                "categories", List.of("BASIC"), "validUntil", Api.CONSENT_VALID_UNTIL)),
                        400, "VALIDATION_FAILED", r -> assertThat(fields(r)).containsExactly("agencyIds[1]")),
                refusal("a meeting with an attendee not in the registry", Given::escalated,
                        convene(COORDINATOR, "SUPPORT_MEETING", List.of("houkatsu-north", "no-such-agency"), "{case}"),
                        400, "VALIDATION_FAILED", r -> assertThat(fields(r)).containsExactly("attendees[1].agencyId")),
                refusal("a plan whose role and lead agency are not in the registry", Given::acceptedForSupport,
                        decide(COORDINATOR, "{case}", Map.of("type", "ADOPT_PLAN", "goals", List.of("息子が週1回居場所に通う"),
                                "roles", List.of(Map.of("agencyId", "npo-ibasho", "task", "居場所の提供"),
                                        Map.of("agencyId", "no-such-agency", "task", "家計相談")),
                                "leadAgencyId", "nowhere", "reviewOn", LocalDate.parse(TODAY).plusMonths(3).toString())),
                        400, "VALIDATION_FAILED", r -> assertThat(fields(r))
                                .containsExactlyInAnyOrder("decisions[0].leadAgencyId", "decisions[0].roles[1].agencyId")),
                refusal("a consent valid until yesterday", Given::intake,
                        post(HOUKATSU, "/api/v1/cases/{case}/consents", Map.of("givenBy", Map.of("personId", "{self}", "capacity", "SELF"),
                                "agencyIds", List.of("jiritsu"), "purposes", List.of("SUPPORT_COORDINATION"),
                                "categories", List.of("BASIC"), "validUntil", LocalDate.parse(TODAY).minusDays(1).toString())),
                        400, "VALIDATION_FAILED", r -> assertRule(r, "CONSENT_ALREADY_EXPIRED", "validUntil")),
                refusal("a referral to the referring agency itself", Given::consented,
                        post(HOUKATSU, "/api/v1/cases/{case}/referrals", referralTo("houkatsu-north")),
                        400, "VALIDATION_FAILED", r -> assertRule(r, "REFERRAL_TO_SELF", "toAgencyId")),
                refusal("escalation to an agency that is not the 多機関協働 coordinator", Given::intake,
                        post(HOUKATSU, "/api/v1/cases/{case}/escalation", Map.of("coordinatorAgencyId", "jiritsu", "reason", "複合課題")),
                        400, "VALIDATION_FAILED", r -> assertRule(r, "NOT_A_COORDINATOR", "coordinatorAgencyId")),
                refusal("参加支援 with an agency that is not a participation partner", Given::planned,
                        decide(COORDINATOR, "{case}", Map.of("type", "APPROVE_PARTICIPATION_SUPPORT", "partnerAgencyId", "jiritsu")),
                        400, "VALIDATION_FAILED", r -> assertThat(r.body().get("rule").asText()).isEqualTo("NOT_A_PARTICIPATION_PARTNER")),
                refusal("an attendee acknowledging 守秘義務 for another agency", Given::onSupportMeetingAgenda,
                        post(JIRITSU, "/api/v1/meetings/{meeting}/confidentiality-acknowledgements", Map.of("agencyId", "csw-north")),
                        403, "NOT_AN_ATTENDEE"),
                refusal("a decline without a reason", Given::referredToJiritsu,
                        post(JIRITSU, "/api/v1/cases/{case}/referrals/{referral}/decline", Map.of()),
                        400, "VALIDATION_FAILED", r -> assertThat(fields(r)).containsExactly("reason"))
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void is_refused_with_its_code_and_records_nothing(Refusal row) {
        Ctx ctx = row.given().apply(new Given(api, clock));
        Map<String, Integer> before = new LinkedHashMap<>();
        ctx.ids().values().forEach(id -> before.put(id, api.eventCount(id)));
        int total = api.totalEvents();

        Response r = api.post(row.call().key(), ctx.fill(row.call().path()),
                row.call().body() == null ? null : ctx.fill(Api.JSON.valueToTree(row.call().body()).toString()));

        assertThat(r.status()).as("status; answer: %s", r.body()).isEqualTo(row.status());
        assertThat(r.code()).as("code; answer: %s", r.body()).isEqualTo(row.code());
        assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(r.body().get("status").asInt()).isEqualTo(row.status());
        ctx.ids().forEach((name, id) -> assertThat(api.eventCount(id)).as("events of {%s}", name).isEqualTo(before.get(id)));
        assertThat(api.totalEvents()).as("events in the store").isEqualTo(total);
        row.and().accept(new Response(r.status(), r.headers(), unfill(ctx, r)));
    }

    // ---- the table's vocabulary ------------------------------------------------------------------------------------

    /** One row: what to set up, what to ask, what must come back. */
    record Refusal(String name, Function<Given, Ctx> given, Call call, int status, String code, Consumer<Response> and) {
        @Override
        public String toString() {
            return name + " → " + status + " " + code;
        }
    }

    record Call(String key, String path, Object body) {
    }

    static Refusal refusal(String name, Function<Given, Ctx> given, Call call, int status, String code) {
        return new Refusal(name, given, call, status, code, r -> { });
    }

    static Refusal refusal(String name, Function<Given, Ctx> given, Call call, int status, String code, Consumer<Response> and) {
        return new Refusal(name, given, call, status, code, and);
    }

    static Call post(String key, String path, Object body) {
        return new Call(key, path, body);
    }

    @SafeVarargs
    static Call decide(String key, String caseId, Map<String, Object>... decisions) {
        return new Call(key, "/api/v1/meetings/{meeting}/decisions", Map.of("caseId", caseId, "decisions", List.of(decisions)));
    }

    static Call convene(String key, String kind, List<String> attendees, String... caseIds) {
        return new Call(key, "/api/v1/meetings", Map.of("kind", kind, "heldOn", TODAY,
                "attendees", attendees.stream().map(a -> Map.of("agencyId", a)).toList(), "caseIds", List.of(caseIds)));
    }

    static Map<String, Object> adoptPlan() {
        return Map.of("type", "ADOPT_PLAN", "goals", List.of("息子が週1回居場所に通う"),
                "roles", List.of(Map.of("agencyId", "npo-ibasho", "task", "居場所の提供"),
                        Map.of("agencyId", "jiritsu", "task", "家計相談")),
                "leadAgencyId", "houkatsu-north", "reviewOn", LocalDate.parse(TODAY).plusMonths(3).toString());
    }

    static Map<String, Object> setDirection() {
        return Map.of("type", "SET_DIRECTION", "direction", "見守りを続け、月1回訪問する", "watchOver", true,
                "actions", List.of(Map.of("agencyId", "houkatsu-north", "task", "月1回の訪問")),
                "nextReviewOn", LocalDate.parse(TODAY).plusMonths(1).toString());
    }

    static Map<String, Object> referralTo(String agencyId) {
        return Map.of("toAgencyId", agencyId, "reason", "家計と就労の相談につなぎたい", "basis", "CONSENT");
    }

    static Map<String, Object> consentBy(String personId, String capacity) {
        return Map.of("givenBy", Map.of("personId", personId, "capacity", capacity), "agencyIds", List.of("jiritsu"),
                "purposes", List.of("SUPPORT_COORDINATION"), "categories", List.of("BASIC"), "validUntil", Api.CONSENT_VALID_UNTIL);
    }

    /** Bad input that a domain rule caught: VALIDATION_FAILED naming the field, and the rule's own code. */
    static void assertRule(Response r, String rule, String field) {
        assertThat(r.body().get("rule").asText()).isEqualTo(rule);
        assertThat(fields(r)).containsExactly(field);
    }

    static List<String> fields(Response r) {
        return r.body().get("errors").findValuesAsText("field");
    }

    /** Detail checks may name placeholders: the answer is handed to them with the ids put back as names. */
    private static com.fasterxml.jackson.databind.JsonNode unfill(Ctx ctx, Response r) {
        String json = r.body().toString();
        for (Map.Entry<String, String> e : ctx.ids().entrySet()) {
            json = json.replace(e.getValue(), "{" + e.getKey() + "}");
        }
        try {
            return Api.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a setup made: named ids. */
    record Ctx(Map<String, String> ids) {
        Ctx() {
            this(new LinkedHashMap<>());
        }

        Ctx with(String name, String id) {
            ids.put(name, id);
            return this;
        }

        String get(String name) {
            return ids.get(name);
        }

        String fill(String text) {
            for (Map.Entry<String, String> e : ids.entrySet()) {
                text = text.replace("{" + e.getKey() + "}", e.getValue());
            }
            return text;
        }
    }

    /** The setups: an 8050 household of 包括 (北), brought to the state a rule is about, through the API itself. */
    static final class Given {
        private final Api api;
        private final TestClock clock;

        Given(Api api, TestClock clock) {
            this.api = api;
            this.clock = clock;
        }

        Ctx intake() {
            OpenedCase c = api.open8050(HOUKATSU);
            return new Ctx().with("case", c.caseId()).with("self", c.self()).with("child", c.personIds().get(1));
        }

        /**
         * The mother's consent for 困窮, 基幹, 居場所NPO and the coordinator: BASIC, NOTES, FINANCE, for coordination and
         * for the 重層的支援会議.
         */
        Ctx consented() {
            Ctx ctx = intake();
            return ctx.with("consent", api.consent(HOUKATSU, ctx.get("case"), ctx.get("self"),
                    List.of("jiritsu", "kikan", "npo-ibasho", "city-welfare"), FOR_THE_MEETING, List.of("BASIC", "NOTES", "FINANCE")));
        }

        /** Escalated on a consent that names the coordinator for coordination only. */
        Ctx escalatedOnACoordinationConsent() {
            Ctx ctx = intake();
            ctx.with("consent", api.consent(HOUKATSU, ctx.get("case"), ctx.get("self"),
                    List.of("jiritsu", "city-welfare"), List.of("BASIC", "NOTES")));
            return escalate(ctx);
        }

        Ctx escalatedWithoutConsent() {
            return escalate(intake());
        }

        Ctx referralAcceptedThenConsentWithdrawn() {
            Ctx ctx = referralAccepted();
            expect(200, api.post(HOUKATSU, "/api/v1/cases/" + ctx.get("case") + "/consents/" + ctx.get("consent") + "/withdrawal",
                    Map.of("reason", "本人の申し出")));
            return ctx;
        }

        Ctx consentWithdrawn() {
            Ctx ctx = consented();
            expect(200, api.post(HOUKATSU, "/api/v1/cases/" + ctx.get("case") + "/consents/" + ctx.get("consent") + "/withdrawal",
                    Map.of("reason", "本人の申し出")));
            return ctx;
        }

        Ctx escalated() {
            return escalate(consented());
        }

        Ctx onMultilayerAgenda() {
            Ctx ctx = escalated();
            return ctx.with("meeting", meeting("MULTILAYER_MEETING", List.of("houkatsu-north", "jiritsu", "npo-ibasho"), ctx.get("case")));
        }

        Ctx acceptedForSupport() {
            Ctx ctx = onMultilayerAgenda();
            decisions(ctx, Map.of("type", "ACCEPT_FOR_SUPPORT"));
            return ctx;
        }

        Ctx planned() {
            Ctx ctx = acceptedForSupport();
            decisions(ctx, adoptPlan());
            return ctx;
        }

        /** Closed by the lead (the opening 包括) with reason and evaluation, consent still in force. */
        Ctx closed() {
            Ctx ctx = consented();
            expect(200, api.post(HOUKATSU, "/api/v1/cases/" + ctx.get("case") + "/closure",
                    Map.of("reason", "転居により終結", "evaluation", "転居先の包括へ引き継いだ")));
            return ctx;
        }

        Ctx referredToJiritsu() {
            Ctx ctx = consented();
            return ctx.with("referral", expect(201, api.post(HOUKATSU, "/api/v1/cases/" + ctx.get("case") + "/referrals",
                    referralTo("jiritsu"))).text("referralId"));
        }

        /** A referral to 困窮 on a consent valid until today; then two days pass. */
        Ctx referredOnAConsentSinceExpired() {
            Ctx ctx = intake();
            ctx.with("consent", expect(201, api.post(HOUKATSU, "/api/v1/cases/" + ctx.get("case") + "/consents", Map.of(
                    "givenBy", Map.of("personId", ctx.get("self"), "capacity", "SELF"), "agencyIds", List.of("jiritsu"),
                    "purposes", List.of("SUPPORT_COORDINATION"), "categories", List.of("BASIC"), "validUntil", TODAY)))
                    .text("consentId"));
            ctx.with("referral", expect(201, api.post(HOUKATSU, "/api/v1/cases/" + ctx.get("case") + "/referrals",
                    referralTo("jiritsu"))).text("referralId"));
            clock.advance(Duration.ofDays(2));
            return ctx;
        }

        Ctx referralAccepted() {
            Ctx ctx = referredToJiritsu();
            expect(200, api.post(JIRITSU, "/api/v1/cases/" + ctx.get("case") + "/referrals/" + ctx.get("referral") + "/acceptance", null));
            return ctx;
        }

        Ctx referralDeclined() {
            Ctx ctx = referredToJiritsu();
            expect(200, api.post(JIRITSU, "/api/v1/cases/" + ctx.get("case") + "/referrals/" + ctx.get("referral") + "/decline",
                    Map.of("reason", "対象外")));
            return ctx;
        }

        /**
         * A 支援会議 (no consent) with 包括, CSW and 困窮 on an escalated case; the convening coordinator and 困窮 have
         * acknowledged 守秘義務; it decided nothing.
         */
        Ctx onSupportMeetingAgenda() {
            Ctx ctx = onSupportMeetingAgendaUnacknowledged();
            acknowledge(ctx, COORDINATOR, "city-welfare");
            acknowledge(ctx, JIRITSU, "jiritsu");
            return ctx;
        }

        Ctx onSupportMeetingAgendaUnacknowledged() {
            Ctx ctx = escalate(intake());
            return ctx.with("meeting", meeting("SUPPORT_MEETING", List.of("houkatsu-north", "csw-north", "jiritsu"), ctx.get("case")));
        }

        /** As {@link #onSupportMeetingAgenda}, and another case, escalated without consent, that the coordinator cannot see. */
        Ctx onSupportMeetingAgendaAndAnUnseenCase() {
            Ctx ctx = onSupportMeetingAgenda();
            return ctx.with("case2", escalatedWithoutConsent().get("case"));
        }

        private void acknowledge(Ctx ctx, String key, String agencyId) {
            expect(200, api.post(key, "/api/v1/meetings/" + ctx.get("meeting") + "/confidentiality-acknowledgements",
                    Map.of("agencyId", agencyId)));
        }

        /** Two escalated cases: the first one's consent names 基幹, the second one's does not. */
        Ctx twoCasesKikanCoveredOnlyOnTheFirst() {
            Ctx ctx = escalated();
            Ctx second = intake();
            api.consent(HOUKATSU, second.get("case"), second.get("self"), List.of("jiritsu", "city-welfare"), FOR_THE_MEETING,
                    List.of("BASIC"));
            escalate(second);
            return ctx.with("case2", second.get("case"));
        }

        Ctx meetingAndAnotherEscalatedCase() {
            Ctx ctx = onMultilayerAgenda();
            return ctx.with("case2", escalated().get("case"));
        }

        private Ctx escalate(Ctx ctx) {
            expect(200, api.post(HOUKATSU, "/api/v1/cases/" + ctx.get("case") + "/escalation", Map.of("reason", "複合ケース")));
            return ctx;
        }

        private String meeting(String kind, List<String> attendees, String caseId) {
            Call c = convene(COORDINATOR, kind, attendees, caseId);
            return expect(201, api.post(c.key(), c.path(), c.body())).text("meetingId");
        }

        private void decisions(Ctx ctx, Map<String, Object> decision) {
            expect(200, api.post(COORDINATOR, "/api/v1/meetings/" + ctx.get("meeting") + "/decisions",
                    Map.of("caseId", ctx.get("case"), "decisions", List.of(decision))));
        }

        private static Response expect(int status, Response r) {
            assertThat(r.status()).as("setup answer: %s", r.body()).isEqualTo(status);
            return r;
        }
    }
}
