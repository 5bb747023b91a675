package jp.kasane.api.access;

import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.api.support.TestClock;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes on a basis (docs/access-model.md "Reading is not holding: who may write"): every write that names a case,
 * tried by every kind of caller that does not hold it, is refused and records nothing. The table is
 * {@code src/test/resources/access/non-holder-writes.psv}; its columns are the kinds of caller:
 * <ul>
 *   <li><b>reader on consent</b>: jiritsu, named by the mother's consent for {@code BASIC}; the open referral goes to
 *       kikan.</li>
 *   <li><b>支援会議 attendee</b>: kodomo, an acknowledged attendee of a 支援会議 on the escalated case (Art. 106-6 lets
 *       it know the case, not hold it); the open referral goes to kikan.</li>
 *   <li><b>receiver of an ended referral</b>: jiritsu accepted a referral on the mother's consent, then the consent
 *       was withdrawn; the referral is that one.</li>
 *   <li><b>coordinator, escalation without consent</b>: the case was escalated to city-welfare, which no consent
 *       names; it has convened a 支援会議 with the case on the agenda but not acknowledged 守秘義務 yet.</li>
 *   <li><b>no basis</b>: kikan, while the consent and the referral name jiritsu.</li>
 * </ul>
 * A cell is the status and code of the answer. Besides those, each cell checks that the case's version did not move
 * and that the store holds no new event at all. Meeting endpoints need the COORDINATOR role, so caseworkers get
 * {@code 403 FORBIDDEN} there before any case is looked at (on a meeting id that does not exist).
 */
@KasaneIntegrationTest
class NonHolderWritesTest {

    static final String OPENER = "demo-houkatsu-north";
    static final String COORDINATOR = "demo-coordinator";
    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    static final String NO_MEETING = "00000000-0000-0000-0000-000000000000";
    static final List<String> KINDS = List.of("reader on consent", "支援会議 attendee", "receiver of an ended referral",
            "coordinator, escalation without consent", "no basis");

    /** A case set up for one kind of caller: who calls, and the ids its paths name. */
    record Fixture(String key, String caseId, String motherId, String consentId, String referralId, String meetingId) {
        String fill(String path) {
            return path.replace("{case}", caseId).replace("{consent}", consentId).replace("{referral}", referralId)
                    .replace("{meeting}", meetingId);
        }
    }

    @Autowired
    Api api;
    @Autowired
    TestClock clock;

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/access/non-holder-writes.psv", delimiter = '|', maxCharsPerColumn = 256)
    void a_non_holder_writes_nothing(String write, String readerOnConsent, String attendee, String endedReferral,
                                     String coordinator, String noBasis) {
        List<String> expected = List.of(readerOnConsent, attendee, endedReferral, coordinator, noBasis);
        SoftAssertions soft = new SoftAssertions();
        for (int i = 0; i < KINDS.size(); i++) {
            Fixture f = setUp(KINDS.get(i));
            long version = api.get(OPENER, "/api/v1/cases/" + f.caseId()).body().get("version").asLong();
            int total = api.totalEvents();

            Response r = send(write, f);

            String answer = r.status() + " " + r.code();
            soft.assertThat(answer).as("%s by %s (answer: %s)", write, KINDS.get(i), r.body()).isEqualTo(expected.get(i));
            soft.assertThat(r.header("Content-Type")).as("%s by %s: content type", write, KINDS.get(i))
                    .isEqualTo("application/problem+json");
            soft.assertThat(api.get(OPENER, "/api/v1/cases/" + f.caseId()).body().get("version").asLong())
                    .as("%s by %s: the case's version", write, KINDS.get(i)).isEqualTo(version);
            soft.assertThat(api.totalEvents()).as("%s by %s: events in the store", write, KINDS.get(i)).isEqualTo(total);
        }
        soft.assertAll();
    }

    private Response send(String write, Fixture f) {
        String today = today().toString();
        Map<String, Object> text = Map.of("occurredAt", "2026-04-10T01:00:00Z", "summary", "訪問したが不在だった。");
        return switch (write) {
            case "consultation" -> post(f, "/api/v1/cases/{case}/consultations", Map.of("occurredAt", "2026-04-10T01:00:00Z",
                    "channel", "PHONE", "summary", "電話で近況を聞いた。"));
            case "assessment" -> post(f, "/api/v1/cases/{case}/assessments", text);
            case "monitoring note" -> post(f, "/api/v1/cases/{case}/monitoring-notes", text);
            case "consent" -> post(f, "/api/v1/cases/{case}/consents", Map.of(
                    "givenBy", Map.of("personId", f.motherId(), "capacity", "SELF"),
                    "agencyIds", List.of("jiritsu", "kodomo", "npo-ibasho"), "purposes", List.of("SUPPORT_COORDINATION"),
                    "categories", List.of("BASIC", "HEALTH", "DISABILITY", "FINANCE", "CRIMINAL_RECORD", "NOTES"),
                    "validUntil", today().plusYears(4).toString()));
            case "consent withdrawal" -> post(f, "/api/v1/cases/{case}/consents/{consent}/withdrawal", Map.of("reason", "本人の申し出"));
            case "consent narrowing" -> post(f, "/api/v1/cases/{case}/consents/{consent}/narrowing",
                    Map.of("validUntil", today().plusMonths(1).toString()));
            case "referral" -> post(f, "/api/v1/cases/{case}/referrals", Map.of("toAgencyId", "npo-ibasho",
                    "reason", "居場所につなぎたい", "basis", "CONSENT"));
            case "referral acceptance" -> post(f, "/api/v1/cases/{case}/referrals/{referral}/acceptance", null);
            case "referral decline" -> post(f, "/api/v1/cases/{case}/referrals/{referral}/decline", Map.of("reason", "受け入れ枠がない"));
            case "referral withdrawal" -> post(f, "/api/v1/cases/{case}/referrals/{referral}/withdrawal", Map.of("reason", "取り下げ"));
            case "referral completion" -> post(f, "/api/v1/cases/{case}/referrals/{referral}/completion", null);
            case "escalation" -> post(f, "/api/v1/cases/{case}/escalation", Map.of("reason", "複合課題のため"));
            case "closure" -> post(f, "/api/v1/cases/{case}/closure", Map.of("reason", "転居", "evaluation", "市外へ転居した。"));
            case "multilayer meeting" -> post(f, "/api/v1/meetings", Map.of("kind", "MULTILAYER_MEETING", "heldOn", today,
                    "attendees", List.of(Map.of("agencyId", "kikan")), "caseIds", List.of(f.caseId())));
            case "meeting decision" -> post(f, "/api/v1/meetings/{meeting}/decisions", Map.of("caseId", f.caseId(),
                    "decisions", List.of(Map.of("type", "RESOURCE_GAP", "description", "平日の居場所がない"))));
            default -> throw new IllegalArgumentException("No write " + write);
        };
    }

    private Response post(Fixture f, String path, Object body) {
        return api.post(f.key(), f.fill(path), body);
    }

    // ---- the kinds of caller -----------------------------------------------------------------------------------

    private Fixture setUp(String kind) {
        Api.OpenedCase c = api.open8050(OPENER);
        String caseId = c.caseId();
        String mother = c.self();
        return switch (kind) {
            case "reader on consent" -> {
                String consentId = consent(caseId, mother, "jiritsu", "kikan");
                yield new Fixture("demo-jiritsu", caseId, mother, consentId, refer(caseId, "kikan"), NO_MEETING);
            }
            case "支援会議 attendee" -> {
                String consentId = consent(caseId, mother, "kikan");
                String referralId = refer(caseId, "kikan");
                escalate(caseId);
                String meetingId = supportMeeting(caseId, "kodomo");
                ok(api.post("demo-kodomo", "/api/v1/meetings/" + meetingId + "/confidentiality-acknowledgements",
                        Map.of("agencyId", "kodomo")));
                yield new Fixture("demo-kodomo", caseId, mother, consentId, referralId, NO_MEETING);
            }
            case "receiver of an ended referral" -> {
                String consentId = consent(caseId, mother, "jiritsu");
                String referralId = refer(caseId, "jiritsu");
                ok(api.post("demo-jiritsu", "/api/v1/cases/" + caseId + "/referrals/" + referralId + "/acceptance", null));
                ok(api.post(OPENER, "/api/v1/cases/" + caseId + "/consents/" + consentId + "/withdrawal",
                        Map.of("reason", "本人の申し出")));
                yield new Fixture("demo-jiritsu", caseId, mother, consentId, referralId, NO_MEETING);
            }
            case "coordinator, escalation without consent" -> {
                String consentId = consent(caseId, mother, "kikan");
                String referralId = refer(caseId, "kikan");
                escalate(caseId);
                String meetingId = supportMeeting(caseId, "kodomo");
                yield new Fixture(COORDINATOR, caseId, mother, consentId, referralId, meetingId);
            }
            case "no basis" -> {
                String consentId = consent(caseId, mother, "jiritsu");
                yield new Fixture("demo-kikan", caseId, mother, consentId, refer(caseId, "jiritsu"), NO_MEETING);
            }
            default -> throw new IllegalArgumentException("No kind " + kind);
        };
    }

    private String consent(String caseId, String mother, String... agencyIds) {
        return api.consent(OPENER, caseId, mother, List.of(agencyIds), List.of("BASIC"));
    }

    private String refer(String caseId, String toAgencyId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("toAgencyId", toAgencyId);
        body.put("reason", "家計と就労の相談につなぎたい");
        body.put("basis", "CONSENT");
        return ok(api.post(OPENER, "/api/v1/cases/" + caseId + "/referrals", body)).text("referralId");
    }

    private void escalate(String caseId) {
        ok(api.post(OPENER, "/api/v1/cases/" + caseId + "/escalation", Map.of("reason", "複合課題のため多機関協働へ")));
    }

    private String supportMeeting(String caseId, String attendee) {
        return ok(api.post(COORDINATOR, "/api/v1/meetings", Map.of("kind", "SUPPORT_MEETING", "heldOn", today().toString(),
                "attendees", List.of(Map.of("agencyId", attendee)), "caseIds", List.of(caseId)))).text("meetingId");
    }

    private static Response ok(Response r) {
        if (r.status() < 200 || r.status() > 299) {
            throw new AssertionError("setup step answered " + r.status() + ": " + r.body());
        }
        return r;
    }

    private LocalDate today() {
        return clock.instant().atZone(JAPAN).toLocalDate();
    }
}
