package jp.kasane.api.access;

import com.fasterxml.jackson.databind.JsonNode;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.api.support.TestClock;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static jp.kasane.api.support.Api.member;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access matrix: for every demo agency and every situation that could give (or take away) a legal basis for
 * disclosure, {@code GET /api/v1/cases/{id}} answers exactly the expected status, basis, categories and fields,
 * and writes exactly the expected line to the disclosure ledger (DOMAIN.md "Who may see a case", "Consent",
 * "Meetings"; docs/access-model.md explains the model this table pins down).
 *
 * <p>Every situation opens its own case: houkatsu-north records a first consultation (summary tagged
 * [NOTES], issues ISSUE_8050, MENTAL_HEALTH, DEBT) and a debt-counselling consultation tagged [NOTES, FINANCE], both
 * about the mother (the case's SELF member, by default), for a household of mother and adult son,
 * then sets up one basis, mostly for jiritsu (生活困窮者自立相談支援機関). The case is set up once per situation
 * and read once per row.
 *
 * <h2>How to read {@link #MATRIX}</h2>
 * <ul>
 *   <li><b>status</b>: 200; 404 (no basis: exactly the answer for a case that does not exist); 403 (the role may
 *       not read cases at all: ANALYST, ADMIN).</li>
 *   <li><b>basis</b>, <b>categories</b>: the view's {@code access}; {@code ALL} is all six categories
 *       (BASIC, HEALTH, DISABILITY, FINANCE, CRIMINAL_RECORD, NOTES).</li>
 *   <li><b>ledger</b>: lines the read writes to the disclosure ledger (table {@code disclosure_ledger}, beside the
 *       case's stream, which a read never touches): +1 for a read by any agency but the one that opened the case
 *       (with the same basis, categories and persons), 0 for the opener's own reads and for refusals.</li>
 *   <li><b>fields present / absent</b>:
 *     <ul>
 *       <li>{@code mother}, {@code son}: that member in {@code household.members} with name and birth date, and in
 *           {@code access.personIds} (BASIC, and a basis that covers that person: a {@code SELF} consent covers its
 *           giver only); absent, the member is left out and the name and birth date appear nowhere</li>
 *       <li>{@code lists}: consents, referrals, plan, meetings (BASIC)</li>
 *       <li>{@code notes}: assessments, monitoring notes, evaluations (NOTES)</li>
 *       <li>{@code summary}: the summary of the consultation tagged [NOTES]</li>
 *       <li>{@code finance-summary}: the summary of the consultation tagged [NOTES, FINANCE]</li>
 *       <li>{@code reasons}: referral reasons and answer reasons (NOTES); only where the case has a referral</li>
 *       <li>{@code 8050}, {@code MENTAL_HEALTH}, {@code DEBT}: the issue flag, in the case's and the consultations'
 *           issues (BASIC, HEALTH, FINANCE respectively)</li>
 *     </ul>
 *     An absent personal field is not only left out: its clear text appears nowhere in the answer.</li>
 * </ul>
 */
@KasaneIntegrationTest
class AccessMatrixTest {

    /** The matrix, one row per situation and demo key: {@code src/test/resources/access/access-matrix.psv}. */
    static final String MATRIX = "/access/access-matrix.psv";

    /** Every demo key of API.md, in the order each situation lists them. */
    static final Map<String, String> AGENCY_OF_KEY = orderedMap(
            "demo-houkatsu-north", "houkatsu-north",
            "demo-houkatsu-south", "houkatsu-south",
            "demo-csw-north", "csw-north",
            "demo-jiritsu", "jiritsu",
            "demo-kikan", "kikan",
            "demo-kodomo", "kodomo",
            "demo-npo-ibasho", "npo-ibasho",
            "demo-coordinator", "city-welfare",
            "demo-auditor", "audit-office",
            "demo-analyst", "planning",
            "demo-admin", "city-welfare");

    /** The situations of the matrix, each a setup below. */
    static final List<String> SITUATIONS = List.of(
            "none",
            "consent BASIC",
            "consent BASIC+NOTES",
            "consent BASIC+FINANCE+NOTES+HEALTH",
            "consent FINANCE+NOTES without BASIC",
            "consent by agency type",
            "consent by agency type, two agencies",
            "consent for another purpose",
            "consent expired",
            "consent withdrawn",
            "referral pending",
            "referral accepted",
            "referral accepted, consent withdrawn",
            "referral completed",
            "referral declined",
            "referral accepted, wider consent",
            "plan role",
            "plan role, consent withdrawn",
            "escalated",
            "consent by the son",
            "consent by mother and son",
            "escalated, consent to the coordinator",
            "support meeting, not acknowledged",
            "support meeting, acknowledged",
            "support meeting, 14 days later",
            "support meeting, window closed",
            "support meeting and consent ALL");

    static final String OPENER = "demo-houkatsu-north";
    static final String COORDINATOR = "demo-coordinator";
    static final List<String> COORDINATION = List.of("SUPPORT_COORDINATION");
    /** A consent that lets its agencies coordinate and lets the case go before the 重層的支援会議. */
    static final List<String> FOR_THE_MEETING = List.of("SUPPORT_COORDINATION", "MULTILAYER_MEETING");
    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    static final List<String> ALL = List.of("BASIC", "HEALTH", "DISABILITY", "FINANCE", "CRIMINAL_RECORD", "NOTES");
    /** Tokens every 200 row must place in "present" or "absent". */
    static final List<String> VIEW_TOKENS = List.of("mother", "son", "lists", "notes", "summary", "finance-summary",
            "8050", "MENTAL_HEALTH", "DEBT");
    static final Set<String> ALL_TOKENS = new LinkedHashSet<>(concat(VIEW_TOKENS, List.of("reasons")));

    static final String NAME_SELF = "阪南 花子";
    static final String NAME_CHILD = "阪南 一郎";
    static final String BIRTH_SELF = "1944-05-01";
    static final String BIRTH_CHILD = "1974-09-12";
    static final String SUMMARY = "80代の母と50代の息子の二人暮らし。息子は長年ひきこもりで精神科の受診歴あり。母の介護相談で来所。";
    static final String FINANCE_SUMMARY = "家計相談: 消費者金融3社から借入、毎月の返済が母の年金を上回る。";
    static final String REFERRAL_REASON = "家計改善支援のため自立相談支援機関へつなぐ。";
    static final String DECLINE_REASON = "今月は受け入れ枠がないため。";

    /** A situation as set up: its case, and how long after the setup the rows read it (the test clock is moved). */
    record Fixture(String caseId, String motherId, String sonId, Duration readLater) {
        Fixture later(Duration d) {
            return new Fixture(caseId, motherId, sonId, d);
        }
    }

    /** One case per situation, shared by that situation's rows (the rows of one situation run one after another). */
    private static final Map<String, Fixture> FIXTURES = new HashMap<>();

    @Autowired
    Api api;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    // ---- the matrix --------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} | {1} → {2} {3} {4}")
    @CsvFileSource(resources = MATRIX, delimiter = '|', maxCharsPerColumn = 512)
    void the_case_read_gives_exactly_the_expected_answer(String situation, String key, int status, String basis,
                                                        String categories, String ledger, String present, String absent) {
        Fixture f = FIXTURES.get(situation);
        if (f == null) {
            f = setUp(situation);
            FIXTURES.put(situation, f);
        }
        int ledgerBefore = disclosures(f.caseId());
        int eventsBefore = api.eventCount(f.caseId());
        if (!f.readLater().isZero()) {
            clock.advance(f.readLater());
        }
        Response r = api.get(key, "/api/v1/cases/" + f.caseId());
        int appended = disclosures(f.caseId()) - ledgerBefore;

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(r.status()).as("status (answer: %s)", r.body()).isEqualTo(status);
        soft.assertThat(appended).as("lines the read wrote to the disclosure ledger").isEqualTo(Integer.parseInt(ledger));
        soft.assertThat(api.eventCount(f.caseId())).as("a read appends nothing to the case's stream").isEqualTo(eventsBefore);
        if (status == 200 && r.status() == 200) {
            checkView(soft, f, r.body(), basis, categories(categories), tokens(present), tokens(absent));
            checkCategoryRules(soft, r.body());
            if (appended == 1) {
                checkLedgerLine(soft, f, AGENCY_OF_KEY.get(key), basis, categories(categories), r.body());
            }
        } else if (status == 404 && r.status() == 404) {
            Response missing = api.get(key, "/api/v1/cases/00000000-0000-0000-0000-000000000000");
            soft.assertThat(r.bodyWithoutInstance()).as("a refused read is the answer for a missing case")
                    .isEqualTo(missing.bodyWithoutInstance());
            soft.assertThat(r.header("Content-Type")).isEqualTo(missing.header("Content-Type"));
            soft.assertThat(r.bodyWithoutInstance().toString()).as("the refusal says nothing of the case beyond the path asked")
                    .doesNotContain(f.caseId()).doesNotContain("阪南");
        } else if (status == 403 && r.status() == 403) {
            Response missing = api.get(key, "/api/v1/cases/00000000-0000-0000-0000-000000000000");
            soft.assertThat(r.code()).isEqualTo("FORBIDDEN");
            soft.assertThat(r.bodyWithoutInstance()).as("the role is refused before the case is looked at")
                    .isEqualTo(missing.bodyWithoutInstance());
        }
        soft.assertAll();
    }

    /** The table itself: complete, and consistent with the category rules of the view (so a reviewer need not check). */
    @Test
    void the_matrix_covers_every_situation_for_every_demo_key_and_follows_the_category_rules() {
        List<String[]> rows = matrixLines().stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> Arrays.stream(l.split("\\|", -1)).map(String::strip).toArray(String[]::new)).toList();
        assertThat(rows).allSatisfy(row -> assertThat(row).hasSize(8));
        assertThat(rows).hasSize(SITUATIONS.size() * AGENCY_OF_KEY.size());
        for (String situation : SITUATIONS) {
            assertThat(rows.stream().filter(row -> row[0].equals(situation)).map(row -> row[1]).toList())
                    .as("keys of situation %s", situation).containsExactlyElementsOf(AGENCY_OF_KEY.keySet());
        }
        assertThat(rows.stream().map(row -> row[0]).distinct().toList()).containsExactlyElementsOf(SITUATIONS);

        SoftAssertions soft = new SoftAssertions();
        for (String[] row : rows) {
            String id = row[0] + " | " + row[1];
            String key = row[1];
            int status = Integer.parseInt(row[2]);
            Set<String> cats = categories(row[4]);
            Set<String> present = tokens(row[6]);
            Set<String> absent = tokens(row[7]);
            if (key.equals(OPENER)) {
                soft.assertThat(List.of(row[2], row[3], row[4], row[5])).as(id).containsExactly("200", "OWN_RECORD", "ALL", "0");
            } else if (key.equals("demo-auditor")) {
                soft.assertThat(List.of(row[2], row[3], row[4], row[5])).as(id).containsExactly("200", "AUDIT", "ALL", "+1");
            } else if (key.equals("demo-analyst") || key.equals("demo-admin")) {
                soft.assertThat(row[2]).as(id).isEqualTo("403");
            }
            if (status != 200) {
                soft.assertThat(List.of(row[3], row[4], row[5], row[6], row[7])).as(id).containsExactly("", "", "0", "", "");
                continue;
            }
            soft.assertThat(row[5]).as(id + ": ledger").isEqualTo(key.equals(OPENER) ? "0" : "+1");
            soft.assertThat(cats).as(id + ": categories").isNotEmpty().isSubsetOf(ALL);
            soft.assertThat(concat(present, absent)).as(id + ": fields").doesNotHaveDuplicates().isSubsetOf(ALL_TOKENS)
                    .containsAll(VIEW_TOKENS);
            // Everything but the household is about the mother: shown only while the basis covers her. Whether it
            // does shows in the row when BASIC is covered (the mother present or absent); without BASIC it cannot.
            boolean mother = present.contains("mother") || !absent.contains("mother") || !cats.contains("BASIC");
            Map<String, Boolean> rule = new LinkedHashMap<>();

            rule.put("lists", cats.contains("BASIC"));
            if (present.contains("mother") || present.contains("son")) {
                soft.assertThat(cats).as("%s: a member shown needs BASIC", id).contains("BASIC");
            }
            rule.put("notes", cats.contains("NOTES"));
            rule.put("summary", mother && cats.contains("NOTES"));
            rule.put("finance-summary", mother && cats.contains("NOTES") && cats.contains("FINANCE"));
            rule.put("reasons", mother && cats.contains("NOTES"));
            rule.put("8050", mother && cats.contains("BASIC"));
            rule.put("MENTAL_HEALTH", mother && cats.contains("HEALTH"));
            rule.put("DEBT", mother && cats.contains("FINANCE"));
            rule.forEach((token, shown) -> {
                if (present.contains(token) || absent.contains(token)) {
                    soft.assertThat(present.contains(token)).as("%s: %s shown iff its categories are covered", id, token)
                            .isEqualTo(shown);
                }
            });
        }
        soft.assertAll();
    }

    // ---- the situations ----------------------------------------------------------------------------------------

    private Fixture setUp(String situation) {
        Fixture f = openCase();
        switch (situation) {
            case "none" -> {
            }
            case "consent BASIC" -> consent(f, "jiritsu", "BASIC");
            case "consent BASIC+NOTES" -> consent(f, "jiritsu", "BASIC+NOTES");
            case "consent BASIC+FINANCE+NOTES+HEALTH" -> consent(f, "jiritsu", "BASIC+FINANCE+NOTES+HEALTH");
            case "consent FINANCE+NOTES without BASIC" -> consent(f, "jiritsu", "FINANCE+NOTES");
            case "consent by agency type" ->
                    consent(f, List.of(), List.of("LIVELIHOOD_CONSULTATION"), COORDINATION, "BASIC+FINANCE", nextYear());
            case "consent by agency type, two agencies" ->
                    consent(f, List.of(), List.of("COMMUNITY_GENERAL_SUPPORT_CENTER"), COORDINATION, "BASIC", nextYear());
            case "consent for another purpose" ->
                    consent(f, List.of("jiritsu"), List.of(), List.of("PARTICIPATION_SUPPORT"), "BASIC+NOTES", nextYear());
            case "consent expired" -> {
                consent(f, List.of("jiritsu"), List.of(), COORDINATION, "BASIC+NOTES", today());
                return f.later(Duration.ofDays(2));
            }
            case "consent withdrawn" -> withdraw(f, consent(f, "jiritsu", "BASIC+NOTES"));
            case "referral pending" -> {
                consent(f, "jiritsu", "BASIC");
                refer(f, "jiritsu", "BASIC");
            }
            case "referral accepted" -> {
                consent(f, "jiritsu", "BASIC");
                accept(f, refer(f, "jiritsu", "BASIC"), "demo-jiritsu");
            }
            case "referral accepted, consent withdrawn" -> {
                String consentId = consent(f, "jiritsu", "BASIC");
                accept(f, refer(f, "jiritsu", "BASIC"), "demo-jiritsu");
                withdraw(f, consentId);
            }
            case "referral completed" -> {
                consent(f, "jiritsu", "BASIC+NOTES");
                String referralId = refer(f, "jiritsu", "BASIC+NOTES");
                accept(f, referralId, "demo-jiritsu");
                ok(api.post("demo-jiritsu", path(f, "/referrals/" + referralId + "/completion"), null));
            }
            case "referral declined" -> {
                consent(f, "jiritsu", "BASIC");
                String referralId = refer(f, "jiritsu", "BASIC");
                ok(api.post("demo-jiritsu", path(f, "/referrals/" + referralId + "/decline"), Map.of("reason", DECLINE_REASON)));
            }
            case "referral accepted, wider consent" -> {
                consent(f, "jiritsu", "BASIC+FINANCE+NOTES");
                accept(f, refer(f, "jiritsu", "BASIC"), "demo-jiritsu");
            }
            case "plan role" -> {
                escalate(f);
                consent(f, List.of("jiritsu", "city-welfare"), List.of(), FOR_THE_MEETING, "BASIC+NOTES", nextYear());
                planWithRoleFor(f, "jiritsu");
            }
            case "plan role, consent withdrawn" -> {
                escalate(f);
                String consentId = consent(f, List.of("jiritsu", "city-welfare"), List.of(), FOR_THE_MEETING,
                        "BASIC+NOTES", nextYear());
                planWithRoleFor(f, "jiritsu");
                withdraw(f, consentId);
            }
            case "escalated" -> escalate(f);
            case "consent by the son" ->
                    consent(f.sonId(), f, List.of("jiritsu"), List.of(), COORDINATION, "BASIC+NOTES", nextYear());
            case "consent by mother and son" -> {
                consent(f, "jiritsu", "BASIC");
                consent(f.sonId(), f, List.of("jiritsu"), List.of(), COORDINATION, "BASIC", nextYear());
            }
            case "escalated, consent to the coordinator" -> {
                escalate(f);
                consent(f, "city-welfare", "BASIC+NOTES");
            }
            case "support meeting, not acknowledged" -> {
                escalate(f);
                supportMeeting(f, "kodomo");
            }
            case "support meeting, acknowledged" -> acknowledgedSupportMeeting(f);
            case "support meeting, 14 days later" -> {
                acknowledgedSupportMeeting(f);
                return f.later(Duration.ofDays(14));
            }
            case "support meeting, window closed" -> {
                acknowledgedSupportMeeting(f);
                return f.later(Duration.ofDays(16));
            }
            case "support meeting and consent ALL" -> {
                consent(f, "kodomo", String.join("+", ALL));
                consent(f.sonId(), f, List.of("kodomo"), List.of(), COORDINATION, String.join("+", ALL), nextYear());
                acknowledgedSupportMeeting(f);
            }
            default -> throw new IllegalArgumentException("No setup for situation " + situation);
        }
        return f;
    }

    /** houkatsu-north opens the case and records a debt-counselling consultation tagged [NOTES, FINANCE]. */
    private Fixture openCase() {
        Api.OpenedCase c = api.open(OPENER, SUMMARY, List.of("ISSUE_8050", "MENTAL_HEALTH", "DEBT"),
                List.of(member(NAME_SELF, BIRTH_SELF, "SELF"), member(NAME_CHILD, BIRTH_CHILD, "CHILD")));
        ok(api.post(OPENER, "/api/v1/cases/" + c.caseId() + "/consultations", Map.of(
                "occurredAt", "2026-04-10T01:00:00Z", "channel", "PHONE", "summary", FINANCE_SUMMARY,
                "issues", List.of("DEBT"), "categories", List.of("NOTES", "FINANCE"))));
        return new Fixture(c.caseId(), c.self(), c.personIds().get(1), Duration.ZERO);
    }

    /** The mother consents for herself. */
    private String consent(Fixture f, String agencyId, String categories) {
        return consent(f, List.of(agencyId), List.of(), COORDINATION, categories, nextYear());
    }

    private String consent(Fixture f, List<String> agencyIds, List<String> agencyTypes, List<String> purposes,
                           String categories, LocalDate validUntil) {
        return consent(f.motherId(), f, agencyIds, agencyTypes, purposes, categories, validUntil);
    }

    /** {@code personId} consents for himself or herself ({@code SELF}: the consent covers its giver only). */
    private String consent(String personId, Fixture f, List<String> agencyIds, List<String> agencyTypes,
                           List<String> purposes, String categories, LocalDate validUntil) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("givenBy", Map.of("personId", personId, "capacity", "SELF"));
        body.put("agencyIds", agencyIds);
        body.put("agencyTypes", agencyTypes);
        body.put("purposes", purposes);
        body.put("categories", List.copyOf(categories(categories)));
        body.put("validUntil", validUntil.toString());
        return ok(api.post(OPENER, path(f, "/consents"), body)).text("consentId");
    }

    private void withdraw(Fixture f, String consentId) {
        ok(api.post(OPENER, path(f, "/consents/" + consentId + "/withdrawal"), Map.of("reason", "本人の申し出")));
    }

    private String refer(Fixture f, String toAgencyId, String categories) {
        return ok(api.post(OPENER, path(f, "/referrals"), Map.of("toAgencyId", toAgencyId, "reason", REFERRAL_REASON,
                "basis", "CONSENT", "categories", List.copyOf(categories(categories))))).text("referralId");
    }

    private void accept(Fixture f, String referralId, String receiverKey) {
        ok(api.post(receiverKey, path(f, "/referrals/" + referralId + "/acceptance"), null));
    }

    private void escalate(Fixture f) {
        ok(api.post(OPENER, path(f, "/escalation"), Map.of("reason", "複合課題のため多機関協働へ")));
    }

    /** A 支援会議 (Art. 106-6) today, convened by the coordinator, with the case on the agenda. */
    private String supportMeeting(Fixture f, String attendee) {
        return ok(api.post(COORDINATOR, "/api/v1/meetings", Map.of("kind", "SUPPORT_MEETING", "heldOn", today().toString(),
                "attendees", List.of(Map.of("agencyId", attendee)), "caseIds", List.of(f.caseId())))).text("meetingId");
    }

    /** Escalated, then a 支援会議 on the case whose attendees, kodomo and the convening coordinator, acknowledge 守秘義務. */
    private void acknowledgedSupportMeeting(Fixture f) {
        escalate(f);
        String meetingId = supportMeeting(f, "kodomo");
        acknowledge(meetingId, "demo-kodomo", "kodomo");
        acknowledge(meetingId, COORDINATOR, "city-welfare");
    }

    private void acknowledge(String meetingId, String key, String agencyId) {
        ok(api.post(key, "/api/v1/meetings/" + meetingId + "/confidentiality-acknowledgements", Map.of("agencyId", agencyId)));
    }

    /** A 重層的支援会議 accepts the case for support and adopts a plan giving {@code agencyId} a role. */
    private void planWithRoleFor(Fixture f, String agencyId) {
        String meetingId = ok(api.post(COORDINATOR, "/api/v1/meetings", Map.of("kind", "MULTILAYER_MEETING",
                "heldOn", today().toString(), "attendees", List.of(Map.of("agencyId", agencyId)),
                "caseIds", List.of(f.caseId())))).text("meetingId");
        ok(api.post(COORDINATOR, "/api/v1/meetings/" + meetingId + "/decisions", Map.of("caseId", f.caseId(),
                "decisions", List.of(Map.of("type", "ACCEPT_FOR_SUPPORT"), Map.of("type", "ADOPT_PLAN",
                        "goals", List.of("家計の立て直し"), "roles", List.of(Map.of("agencyId", agencyId, "task", "家計改善支援")),
                        "leadAgencyId", "city-welfare", "reviewOn", today().plusMonths(3).toString())))));
    }

    // ---- what a row checks -------------------------------------------------------------------------------------

    private void checkView(SoftAssertions soft, Fixture f, JsonNode v, String basis, Set<String> categories,
                           Set<String> present, Set<String> absent) {
        soft.assertThat(fieldNames(v)).as("always in the view")
                .contains("caseId", "version", "phase", "access", "issues", "consultations");
        soft.assertThat(v.path("caseId").asText()).isEqualTo(f.caseId());
        soft.assertThat(v.path("access").path("basis").asText()).as("access.basis").isEqualTo(basis);
        soft.assertThat(texts(v.path("access").path("categories"))).as("access.categories").isEqualTo(categories);
        soft.assertThat(v.path("consultations").size()).as("consultations (metadata always)").isEqualTo(2);
        soft.assertThat(texts(v.path("consultations").path(1).path("categories")))
                .as("the debt consultation's categories").isEqualTo(Set.of("NOTES", "FINANCE"));
        String text = v.toString();
        for (String token : present) {
            switch (token) {
                case "mother", "son" -> {
                    String personId = token.equals("mother") ? f.motherId() : f.sonId();
                    JsonNode member = memberOf(v, personId);
                    soft.assertThat(member.path("name").asText()).as(token + ": name").isEqualTo(name(token));
                    soft.assertThat(member.path("birthDate").asText()).as(token + ": birth date").isEqualTo(birthDate(token));
                    soft.assertThat(texts(v.path("access").path("personIds"))).as("access.personIds").contains(personId);
                }
                case "lists" -> soft.assertThat(fieldNames(v)).as("lists").contains("consents", "referrals", "plan", "meetings");
                case "notes" -> soft.assertThat(fieldNames(v)).as("notes").contains("notes");
                case "summary" -> soft.assertThat(v.path("consultations").path(0).path("summary").asText())
                        .as("summary").isEqualTo(SUMMARY);
                case "finance-summary" -> soft.assertThat(v.path("consultations").path(1).path("summary").asText())
                        .as("finance-summary").isEqualTo(FINANCE_SUMMARY);
                case "reasons" -> {
                    soft.assertThat(v.path("referrals").findValuesAsText("reason")).as("reasons")
                            .isNotEmpty().containsOnly(REFERRAL_REASON);
                    for (JsonNode referral : v.path("referrals")) {
                        if (referral.path("status").asText().equals("DECLINED")) {
                            soft.assertThat(referral.path("answerReason").asText()).as("decline reason").isEqualTo(DECLINE_REASON);
                        }
                    }
                }
                default -> soft.assertThat(texts(v.path("issues"))).as("issues").contains(issue(token));
            }
        }
        for (String token : absent) {
            switch (token) {
                case "mother", "son" -> {
                    String personId = token.equals("mother") ? f.motherId() : f.sonId();
                    soft.assertThat(memberOf(v, personId).isMissingNode()).as(token + " left out of the household").isTrue();
                    soft.assertThat(text).as(token + ": no name or birth date anywhere")
                            .doesNotContain(name(token)).doesNotContain(birthDate(token));
                }
                case "lists" -> soft.assertThat(fieldNames(v)).as("lists left out")
                        .doesNotContain("consents", "referrals", "plan", "meetings");
                case "notes" -> soft.assertThat(fieldNames(v)).as("notes left out").doesNotContain("notes");
                case "summary" -> {
                    soft.assertThat(fieldNames(v.path("consultations").path(0))).as("summary left out").doesNotContain("summary");
                    soft.assertThat(text).as("summary nowhere").doesNotContain(SUMMARY);
                }
                case "finance-summary" -> {
                    soft.assertThat(fieldNames(v.path("consultations").path(1))).as("finance-summary left out").doesNotContain("summary");
                    soft.assertThat(text).as("finance-summary nowhere").doesNotContain(FINANCE_SUMMARY);
                }
                case "reasons" -> {
                    for (JsonNode referral : v.path("referrals")) {
                        soft.assertThat(fieldNames(referral)).as("referral reasons left out").doesNotContain("reason", "answerReason");
                    }
                    soft.assertThat(text).as("reasons nowhere").doesNotContain(REFERRAL_REASON).doesNotContain(DECLINE_REASON);
                }
                default -> {
                    soft.assertThat(texts(v.path("issues"))).as("issues").doesNotContain(issue(token));
                    for (JsonNode k : v.path("consultations")) {
                        soft.assertThat(texts(k.path("issues"))).as("consultation issues").doesNotContain(issue(token));
                    }
                }
            }
        }
    }

    /** Whatever the table says, a view follows the category rules for its own access.categories. */
    private void checkCategoryRules(SoftAssertions soft, JsonNode v) {
        Set<String> cats = texts(v.path("access").path("categories"));
        soft.assertThat(v.has("household")).as("household iff BASIC").isEqualTo(cats.contains("BASIC"));
        soft.assertThat(v.has("notes")).as("notes iff NOTES").isEqualTo(cats.contains("NOTES"));
        soft.assertThat(v.path("consultations").path(1).has("summary")).as("finance summary iff FINANCE and NOTES")
                .isEqualTo(cats.contains("FINANCE") && cats.contains("NOTES"));
        soft.assertThat(texts(v.path("issues")).contains("MENTAL_HEALTH")).as("MENTAL_HEALTH iff HEALTH").isEqualTo(cats.contains("HEALTH"));
        soft.assertThat(texts(v.path("issues")).contains("DEBT")).as("DEBT iff FINANCE").isEqualTo(cats.contains("FINANCE"));
    }

    /** The line the read wrote to the ledger names the reader's agency, the basis and the categories it saw. */
    private void checkLedgerLine(SoftAssertions soft, Fixture f, String agencyId, String basis, Set<String> categories,
                                 JsonNode view) {
        Map<String, Object> line = jdbc.queryForMap("SELECT agency_id, basis, array_to_string(categories, ',') AS categories, "
                + "array_to_string(person_ids, ',') AS persons FROM disclosure_ledger WHERE case_id = ? "
                + "ORDER BY line_id DESC LIMIT 1", f.caseId());
        soft.assertThat(line.get("agency_id")).as("ledger agencyId").isEqualTo(agencyId);
        soft.assertThat(line.get("basis")).as("ledger basis").isEqualTo(basis);
        soft.assertThat(Set.of(((String) line.get("categories")).split(","))).as("ledger categories").isEqualTo(categories);
        soft.assertThat(Set.of(((String) line.get("persons")).split(","))).as("ledger persons: whom the view disclosed")
                .isEqualTo(texts(view.path("access").path("personIds")));
    }

    private int disclosures(String caseId) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM disclosure_ledger WHERE case_id = ?", Integer.class, caseId);
        return n == null ? 0 : n;
    }

    private static List<String> matrixLines() {
        try (var in = AccessMatrixTest.class.getResourceAsStream(MATRIX)) {
            return new String(java.util.Objects.requireNonNull(in, MATRIX).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .lines().toList();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode memberOf(JsonNode view, String personId) {
        for (JsonNode m : view.path("household").path("members")) {
            if (m.path("personId").asText().equals(personId)) {
                return m;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static String name(String token) {
        return token.equals("mother") ? NAME_SELF : NAME_CHILD;
    }

    private static String birthDate(String token) {
        return token.equals("mother") ? BIRTH_SELF : BIRTH_CHILD;
    }

    // ---- small helpers -----------------------------------------------------------------------------------------

    private static Response ok(Response r) {
        if (r.status() < 200 || r.status() > 299) {
            throw new AssertionError("setup step answered " + r.status() + ": " + r.body());
        }
        return r;
    }

    private static String path(Fixture f, String rest) {
        return "/api/v1/cases/" + f.caseId() + rest;
    }

    private LocalDate today() {
        return clock.instant().atZone(JAPAN).toLocalDate();
    }

    private LocalDate nextYear() {
        return today().plusYears(1);
    }

    private static String issue(String token) {
        return token.equals("8050") ? "ISSUE_8050" : token;
    }

    static Set<String> categories(String cell) {
        if (cell == null || cell.isBlank()) {
            return Set.of();
        }
        return cell.strip().equals("ALL") ? new TreeSet<>(ALL) : new TreeSet<>(Arrays.asList(cell.strip().split("\\+")));
    }

    static Set<String> tokens(String cell) {
        if (cell == null || cell.isBlank()) {
            return Set.of();
        }
        return new LinkedHashSet<>(Arrays.asList(cell.strip().split("\\s+")));
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static <T> List<T> concat(java.util.Collection<T> a, java.util.Collection<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
