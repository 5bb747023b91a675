package jp.kasane.api.web.meetings;

import com.fasterxml.jackson.databind.JsonNode;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.api.support.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A meeting happens in time, and a 重層的支援会議 sees what the consents cover (docs/meetings.md): {@code heldOn} at both
 * edges of its range, the last minute and the first minute after a 支援会議's Art. 106-6 window, and an attendee of a
 * 重層的支援会議 covered for one member of the household only.
 */
@KasaneIntegrationTest
class MeetingTimeAndCoverageTest {

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
    void held_on_lies_between_30_days_ago_and_90_days_ahead() {
        String own = api.open8050(COORDINATOR).caseId();
        assertThat(convene(today().minusDays(30), own).status()).as("30 days ago").isEqualTo(201);
        assertThat(convene(today().plusDays(90), own).status()).as("90 days ahead").isEqualTo(201);
        for (LocalDate outside : List.of(today().minusDays(31), today().plusDays(91), LocalDate.parse("2099-12-31"))) {
            int total = api.totalEvents();
            Response r = convene(outside, own);
            assertThat(r.status()).as("heldOn %s", outside).isEqualTo(400);
            assertThat(r.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(r.body().get("errors").findValuesAsText("field")).containsExactly("heldOn");
            assertThat(api.totalEvents()).as("nothing recorded for %s", outside).isEqualTo(total);
        }
    }

    @Test
    void art_106_6_access_ends_with_the_window_after_held_on() {
        Api.OpenedCase c = api.open8050(OPENER);
        ok(api.post(OPENER, "/api/v1/cases/" + c.caseId() + "/escalation", Map.of("reason", "複合課題のため")));
        String meetingId = ok(api.post(COORDINATOR, "/api/v1/meetings", Map.of("kind", "SUPPORT_MEETING",
                "heldOn", today().toString(), "attendees", List.of(Map.of("agencyId", "kodomo")),
                "caseIds", List.of(c.caseId())))).text("meetingId");
        ok(api.post("demo-kodomo", "/api/v1/meetings/" + meetingId + "/confidentiality-acknowledgements",
                Map.of("agencyId", "kodomo")));
        // The window closes at the end of heldOn (Japan) plus kasane.meetings.support-meeting-access-after (P14D).
        Instant closes = today().plusDays(1).atStartOfDay(JAPAN).toInstant().plus(Duration.ofDays(14));

        clock.advance(Duration.between(clock.instant(), closes.minusSeconds(60)));
        Response last = api.get("demo-kodomo", "/api/v1/cases/" + c.caseId());
        assertThat(last.status()).as("the last minute of the window").isEqualTo(200);
        assertThat(last.body().get("access").get("basis").asText()).isEqualTo("SUPPORT_MEETING_ART_106_6");

        clock.advance(Duration.ofSeconds(120));
        assertThat(api.get("demo-kodomo", "/api/v1/cases/" + c.caseId()).status()).as("a minute after it closed").isEqualTo(404);
        clock.advance(Duration.ofDays(1));
        assertThat(api.get("demo-kodomo", "/api/v1/cases/" + c.caseId()).status()).as("the day after").isEqualTo(404);
    }

    @Test
    void a_multilayer_attendee_covered_for_the_son_alone_sees_the_son_alone() {
        Api.OpenedCase c = api.open8050(OPENER);
        String son = c.personIds().get(1);
        ok(api.post(OPENER, "/api/v1/cases/" + c.caseId() + "/escalation", Map.of("reason", "複合課題のため")));
        api.consent(OPENER, c.caseId(), son, List.of("city-welfare", "kikan"),
                List.of("SUPPORT_COORDINATION", "MULTILAYER_MEETING"), List.of("BASIC", "NOTES"));

        int total = api.totalEvents();
        Response refused = convene("MULTILAYER_MEETING", List.of("kikan", "kodomo", "npo-ibasho"), c.caseId());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("CONSENT_REQUIRED");
        assertThat(refused.body().get("detail").asText()).as("names every attendee no consent covers")
                .contains("kodomo, npo-ibasho").doesNotContain("kikan");
        assertThat(api.totalEvents()).as("nothing recorded").isEqualTo(total);

        assertThat(convene("MULTILAYER_MEETING", List.of("kikan"), c.caseId()).status()).isEqualTo(201);
        JsonNode view = ok(api.get("demo-kikan", "/api/v1/cases/" + c.caseId() + "?purpose=MULTILAYER_MEETING")).body();
        assertThat(view.get("access").get("personIds")).extracting(JsonNode::asText).containsExactly(son);
        assertThat(view.get("household").get("members")).extracting(m -> m.get("personId").asText()).containsExactly(son);
        assertThat(view.toString()).as("the mother's data").doesNotContain("阪南 花子").doesNotContain("1944-05-01");
    }

    /** A 支援会議 on a case the coordinator opened itself. */
    private Response convene(LocalDate heldOn, String ownCaseId) {
        return api.post(COORDINATOR, "/api/v1/meetings", Map.of("kind", "SUPPORT_MEETING", "heldOn", heldOn.toString(),
                "attendees", List.of(Map.of("agencyId", "kodomo")), "caseIds", List.of(ownCaseId)));
    }

    private Response convene(String kind, List<String> attendees, String caseId) {
        return api.post(COORDINATOR, "/api/v1/meetings", Map.of("kind", kind, "heldOn", today().toString(),
                "attendees", attendees.stream().map(a -> Map.of("agencyId", a)).toList(), "caseIds", List.of(caseId)));
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
