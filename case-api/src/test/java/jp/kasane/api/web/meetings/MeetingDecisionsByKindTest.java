package jp.kasane.api.web.meetings;

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
import java.util.List;
import java.util.Map;

/**
 * What each kind of meeting may decide (docs/meetings.md): every decision type at a 重層的支援会議 and at a 支援会議,
 * {@code src/test/resources/access/decisions-by-meeting-kind.psv}. Each cell opens its own case, escalates it, has the
 * mother consent to the coordinator, kikan and the 居場所 NPO (coordination, the 重層的支援会議, 参加支援), and brings the
 * case through an earlier 重層的支援会議 to the phase the decision needs. Then a meeting of the kind under test, with
 * kikan attending (at a 支援会議 the convener acknowledges 守秘義務), takes the one decision.
 */
@KasaneIntegrationTest
class MeetingDecisionsByKindTest {

    static final String OPENER = "demo-houkatsu-north";
    static final String COORDINATOR = "demo-coordinator";
    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    @Autowired
    Api api;
    @Autowired
    TestClock clock;

    @ParameterizedTest(name = "{0}: MULTILAYER {1}, SUPPORT {2}")
    @CsvFileSource(resources = "/access/decisions-by-meeting-kind.psv", delimiter = '|')
    void each_kind_of_meeting_decides_only_what_it_may(String decision, String atMultilayer, String atSupport) {
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(decide("MULTILAYER_MEETING", decision)).as("%s at a MULTILAYER_MEETING", decision).isEqualTo(atMultilayer);
        soft.assertThat(decide("SUPPORT_MEETING", decision)).as("%s at a SUPPORT_MEETING", decision).isEqualTo(atSupport);
        soft.assertAll();
    }

    /** The answer to the one decision at a meeting of {@code kind}, and whether anything was recorded. */
    private String decide(String kind, String decision) {
        String caseId = caseReadyFor(decision);
        String meetingId = convene(kind, caseId);
        if (kind.equals("SUPPORT_MEETING")) {
            ok(api.post(COORDINATOR, "/api/v1/meetings/" + meetingId + "/confidentiality-acknowledgements",
                    Map.of("agencyId", "city-welfare")));
        }
        int caseEvents = api.eventCount(caseId);
        int meetingEvents = api.eventCount(meetingId);
        int total = api.totalEvents();

        Response r = api.post(COORDINATOR, "/api/v1/meetings/" + meetingId + "/decisions",
                Map.of("caseId", caseId, "decisions", List.of(body(decision))));

        boolean recorded = api.eventCount(caseId) > caseEvents && api.eventCount(meetingId) > meetingEvents;
        boolean nothing = api.totalEvents() == total;
        String what = recorded ? "recorded" : nothing ? "nothing" : "partly recorded";
        return r.status() == 200 ? "200 " + what : r.status() + " " + r.code() + " " + what;
    }

    private String caseReadyFor(String decision) {
        Api.OpenedCase c = api.open8050(OPENER);
        ok(api.post(OPENER, "/api/v1/cases/" + c.caseId() + "/escalation", Map.of("reason", "複合課題のため")));
        api.consent(OPENER, c.caseId(), c.self(), List.of("city-welfare", "kikan", "npo-ibasho"),
                List.of("SUPPORT_COORDINATION", "MULTILAYER_MEETING", "PARTICIPATION_SUPPORT"), List.of("BASIC", "NOTES"));
        List<String> before = switch (decision) {
            case "ADOPT_PLAN", "SUSPEND" -> List.of("ACCEPT_FOR_SUPPORT");
            case "APPROVE_PARTICIPATION_SUPPORT", "EVALUATE" -> List.of("ACCEPT_FOR_SUPPORT", "ADOPT_PLAN");
            case "CLOSE" -> List.of("ACCEPT_FOR_SUPPORT", "ADOPT_PLAN", "EVALUATE");
            default -> List.of();
        };
        if (!before.isEmpty()) {
            String earlier = convene("MULTILAYER_MEETING", c.caseId());
            ok(api.post(COORDINATOR, "/api/v1/meetings/" + earlier + "/decisions", Map.of("caseId", c.caseId(),
                    "decisions", before.stream().map(this::body).toList())));
        }
        return c.caseId();
    }

    private Map<String, Object> body(String decision) {
        return switch (decision) {
            case "ACCEPT_FOR_SUPPORT" -> Map.of("type", decision);
            case "ADOPT_PLAN" -> Map.of("type", decision, "goals", List.of("母が在宅で暮らし続ける"),
                    "roles", List.of(Map.of("agencyId", "kikan", "task", "障害福祉サービスの調整")),
                    "leadAgencyId", "city-welfare", "reviewOn", today().plusMonths(3).toString());
            case "APPROVE_PARTICIPATION_SUPPORT" -> Map.of("type", decision, "partnerAgencyId", "npo-ibasho");
            case "EVALUATE" -> Map.of("type", decision, "evaluation", "目標を概ね達成した。");
            case "CLOSE", "SUSPEND" -> Map.of("type", decision, "reason", "本人の転居");
            case "RESOURCE_GAP" -> Map.of("type", decision, "description", "夜間に相談できる窓口がない");
            case "SET_DIRECTION" -> Map.of("type", decision, "direction", "見守りを続け、同意を得て重層的支援会議へ",
                    "watchOver", true, "actions", List.of(Map.of("agencyId", "kikan", "task", "月1回の訪問")),
                    "nextReviewOn", today().plusWeeks(3).toString());
            case "REFER" -> Map.of("type", decision, "toAgencyId", "kikan");
            default -> throw new IllegalArgumentException("No decision " + decision);
        };
    }

    private String convene(String kind, String caseId) {
        return ok(api.post(COORDINATOR, "/api/v1/meetings", Map.of("kind", kind, "heldOn", today().toString(),
                "attendees", List.of(Map.of("agencyId", "kikan")), "caseIds", List.of(caseId)))).text("meetingId");
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
