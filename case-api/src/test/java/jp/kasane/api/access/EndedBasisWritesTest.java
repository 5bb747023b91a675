package jp.kasane.api.access;

import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.api.support.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A basis that ended writes nothing (docs/access-model.md "Reading is not holding"): each write is decided at its own
 * instant. Each test first shows the write succeeding while the basis holds, then lets time pass and shows the same
 * kind of write answering as for a missing case, with nothing recorded.
 */
@KasaneIntegrationTest
class EndedBasisWritesTest {

    static final String OPENER = "demo-houkatsu-north";
    static final String COORDINATOR = "demo-coordinator";
    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    @Autowired
    Api api;
    @Autowired
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void a_plan_role_and_the_coordinator_write_nothing_once_the_consent_they_hold_on_has_expired() {
        Api.OpenedCase c = api.open8050(OPENER);
        String cases = "/api/v1/cases/" + c.caseId();
        ok(api.post(OPENER, cases + "/escalation", Map.of("reason", "複合課題のため")));
        ok(api.post(OPENER, cases + "/consents", Map.of("givenBy", Map.of("personId", c.self(), "capacity", "SELF"),
                "agencyIds", List.of("jiritsu", "city-welfare"), "purposes", List.of("SUPPORT_COORDINATION", "MULTILAYER_MEETING"),
                "categories", List.of("BASIC", "NOTES"), "validUntil", today().plusDays(10).toString())));
        String meetingId = ok(api.post(COORDINATOR, "/api/v1/meetings", Map.of("kind", "MULTILAYER_MEETING",
                "heldOn", today().toString(), "attendees", List.of(Map.of("agencyId", "jiritsu")),
                "caseIds", List.of(c.caseId())))).text("meetingId");
        ok(api.post(COORDINATOR, "/api/v1/meetings/" + meetingId + "/decisions", Map.of("caseId", c.caseId(),
                "decisions", List.of(Map.of("type", "ACCEPT_FOR_SUPPORT"), Map.of("type", "ADOPT_PLAN",
                        "goals", List.of("家計の立て直し"), "roles", List.of(Map.of("agencyId", "jiritsu", "task", "家計改善支援")),
                        "leadAgencyId", "city-welfare", "reviewOn", today().plusMonths(3).toString())))));
        Map<String, Object> note = Map.of("occurredAt", clock.instant().minusSeconds(60).toString(), "summary", "家計表を一緒に作成した。");
        assertThat(api.post("demo-jiritsu", cases + "/monitoring-notes", note).status()).as("while the consent holds").isEqualTo(201);

        clock.advance(Duration.ofDays(12));
        int events = api.eventCount(c.caseId());
        int total = api.totalEvents();
        Map<String, Object> later = Map.of("occurredAt", clock.instant().minusSeconds(60).toString(), "summary", "二回目の家計相談。");

        Response byRole = api.post("demo-jiritsu", cases + "/monitoring-notes", later);
        Response byCoordinator = api.post(COORDINATOR, "/api/v1/meetings/" + meetingId + "/decisions", Map.of(
                "caseId", c.caseId(), "decisions", List.of(Map.of("type", "EVALUATE", "evaluation", "家計は安定した。"))));

        assertThat(List.of(byRole.status(), byRole.code())).as("the plan role, consent expired").containsExactly(404, "NOT_FOUND");
        assertThat(List.of(byCoordinator.status(), byCoordinator.code())).as("the coordinator, consent expired")
                .containsExactly(404, "NOT_FOUND");
        assertThat(api.eventCount(c.caseId())).isEqualTo(events);
        assertThat(api.totalEvents()).isEqualTo(total);
    }

    @Test
    void a_support_meeting_decides_nothing_after_its_window() {
        Api.OpenedCase c = api.open8050(OPENER);
        ok(api.post(OPENER, "/api/v1/cases/" + c.caseId() + "/escalation", Map.of("reason", "複合課題のため")));
        String meetingId = ok(api.post(COORDINATOR, "/api/v1/meetings", Map.of("kind", "SUPPORT_MEETING",
                "heldOn", today().toString(), "attendees", List.of(Map.of("agencyId", "kodomo")),
                "caseIds", List.of(c.caseId())))).text("meetingId");
        ok(api.post(COORDINATOR, "/api/v1/meetings/" + meetingId + "/confidentiality-acknowledgements",
                Map.of("agencyId", "city-welfare")));
        Map<String, Object> gap = Map.of("caseId", c.caseId(),
                "decisions", List.of(Map.of("type", "RESOURCE_GAP", "description", "夜間に相談できる窓口がない")));
        assertThat(api.post(COORDINATOR, "/api/v1/meetings/" + meetingId + "/decisions", gap).status())
                .as("inside the window").isEqualTo(200);

        clock.advance(Duration.ofDays(16));
        int events = api.eventCount(c.caseId());
        int total = api.totalEvents();
        Response late = api.post(COORDINATOR, "/api/v1/meetings/" + meetingId + "/decisions", gap);

        assertThat(List.of(late.status(), late.code())).as("16 days after heldOn").containsExactly(404, "NOT_FOUND");
        assertThat(api.eventCount(c.caseId())).isEqualTo(events);
        assertThat(api.totalEvents()).isEqualTo(total);
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
