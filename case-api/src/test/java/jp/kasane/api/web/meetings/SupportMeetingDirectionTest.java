package jp.kasane.api.web.meetings;

import com.fasterxml.jackson.databind.JsonNode;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.api.support.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a 支援会議 decides shows on the case (docs/meetings.md): the direction, 見守り, who does what now and the next
 * review, with its texts only for readers whose basis covers the persons it is about in NOTES.
 */
@KasaneIntegrationTest
class SupportMeetingDirectionTest {

    static final String OPENER = "demo-houkatsu-north";
    static final String COORDINATOR = "demo-coordinator";
    static final String DIRECTION = "CSWが週1回訪問して関係をつくり、本人の同意を得て重層的支援会議へ";
    static final String TASK = "週1回の家庭訪問と声かけ";

    @Autowired
    Api api;
    @Autowired
    TestClock clock;

    @Test
    void the_direction_shows_on_the_case_within_the_readers_categories() {
        Api.OpenedCase c = api.open8050(OPENER);
        String cases = "/api/v1/cases/" + c.caseId();
        api.consent(OPENER, c.caseId(), c.self(), List.of("jiritsu"), List.of("BASIC"));
        ok(api.post(OPENER, cases + "/escalation", Map.of("reason", "複合課題のため")));
        LocalDate today = clock.instant().atZone(ZoneId.of("Asia/Tokyo")).toLocalDate();
        String meetingId = ok(api.post(COORDINATOR, "/api/v1/meetings", Map.of("kind", "SUPPORT_MEETING",
                "heldOn", today.toString(), "attendees", List.of(Map.of("agencyId", "csw-north")),
                "caseIds", List.of(c.caseId())))).text("meetingId");
        ok(api.post("demo-csw-north", "/api/v1/meetings/" + meetingId + "/confidentiality-acknowledgements", Map.of("agencyId", "csw-north")));
        ok(api.post(COORDINATOR, "/api/v1/meetings/" + meetingId + "/confidentiality-acknowledgements", Map.of("agencyId", "city-welfare")));
        ok(api.post(COORDINATOR, "/api/v1/meetings/" + meetingId + "/decisions", Map.of("caseId", c.caseId(),
                "decisions", List.of(Map.of("type", "SET_DIRECTION", "direction", DIRECTION, "watchOver", true,
                        "actions", List.of(Map.of("agencyId", "csw-north", "task", TASK)),
                        "nextReviewOn", today.plusWeeks(3).toString())))));

        JsonNode attendee = ok(api.get("demo-csw-north", cases)).body().get("directions").get(0);
        assertThat(attendee.get("meetingId").asText()).isEqualTo(meetingId);
        assertThat(attendee.get("direction").asText()).isEqualTo(DIRECTION);
        assertThat(attendee.get("watchOver").asBoolean()).isTrue();
        assertThat(attendee.get("actions").get(0).get("agencyId").asText()).isEqualTo("csw-north");
        assertThat(attendee.get("actions").get(0).get("task").asText()).isEqualTo(TASK);
        assertThat(attendee.get("nextReviewOn").asText()).isEqualTo(today.plusWeeks(3).toString());

        // jiritsu reads on the mother's consent for BASIC only: the direction is there, its texts are not.
        Response basicOnly = ok(api.get("demo-jiritsu", cases));
        JsonNode structure = basicOnly.body().get("directions").get(0);
        assertThat(structure.get("watchOver").asBoolean()).isTrue();
        assertThat(structure.get("actions").get(0).get("agencyId").asText()).isEqualTo("csw-north");
        assertThat(structure.path("direction").isMissingNode() || structure.path("direction").isNull()).isTrue();
        assertThat(basicOnly.body().toString()).doesNotContain(DIRECTION).doesNotContain(TASK);
    }

    private static Response ok(Response r) {
        if (r.status() < 200 || r.status() > 299) {
            throw new AssertionError("step answered " + r.status() + ": " + r.body());
        }
        return r;
    }
}
