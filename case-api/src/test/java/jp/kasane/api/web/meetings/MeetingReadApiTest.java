package jp.kasane.api.web.meetings;

import com.fasterxml.jackson.databind.JsonNode;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.api.support.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Meetings can be read back (docs/meetings.md): by their convener and attendees, at once and in a list. */
@KasaneIntegrationTest
class MeetingReadApiTest {

    static final String OPENER = "demo-houkatsu-north";
    static final String COORDINATOR = "demo-coordinator";
    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    @Autowired
    Api api;
    @Autowired
    TestClock clock;

    @Test
    void the_location_of_a_convened_meeting_resolves_for_its_convener_and_attendees_and_for_no_one_else() {
        Api.OpenedCase c = api.open8050(OPENER);
        ok(api.post(OPENER, "/api/v1/cases/" + c.caseId() + "/escalation", Map.of("reason", "複合課題のため")));
        Response convened = ok(api.post(COORDINATOR, "/api/v1/meetings", Map.of("kind", "SUPPORT_MEETING",
                "heldOn", today().toString(), "attendees", List.of(Map.of("agencyId", "kodomo")),
                "caseIds", List.of(c.caseId()))));
        String location = convened.header("Location");
        String meetingId = convened.text("meetingId");
        assertThat(location).endsWith("/api/v1/meetings/" + meetingId);

        JsonNode m = ok(api.get(COORDINATOR, location.substring(location.indexOf("/api/")))).body();
        assertThat(m.get("meetingId").asText()).isEqualTo(meetingId);
        assertThat(m.get("kind").asText()).isEqualTo("SUPPORT_MEETING");
        assertThat(m.get("heldOn").asText()).isEqualTo(today().toString());
        assertThat(m.get("convenerAgencyId").asText()).isEqualTo("city-welfare");
        assertThat(m.get("attendees")).extracting(a -> a.get("agencyId").asText()).containsExactlyInAnyOrder("kodomo", "city-welfare");
        assertThat(m.get("attendees")).allSatisfy(a -> assertThat(a.get("acknowledgedAt").isNull()).isTrue());
        assertThat(m.get("caseIds")).extracting(JsonNode::asText).containsExactly(c.caseId());
        assertThat(m.get("decisions")).isEmpty();

        ok(api.post("demo-kodomo", "/api/v1/meetings/" + meetingId + "/confidentiality-acknowledgements", Map.of("agencyId", "kodomo")));
        ok(api.post(COORDINATOR, "/api/v1/meetings/" + meetingId + "/confidentiality-acknowledgements", Map.of("agencyId", "city-welfare")));
        ok(api.post(COORDINATOR, "/api/v1/meetings/" + meetingId + "/decisions", Map.of("caseId", c.caseId(),
                "decisions", List.of(Map.of("type", "RESOURCE_GAP", "description", "夜間に相談できる窓口がない")))));

        JsonNode byAttendee = ok(api.get("demo-kodomo", "/api/v1/meetings/" + meetingId)).body();
        assertThat(byAttendee.get("attendees")).allSatisfy(a -> assertThat(a.get("acknowledgedAt").isNull()).isFalse());
        assertThat(byAttendee.get("decisions")).hasSize(1);
        assertThat(byAttendee.get("decisions").get(0).get("caseId").asText()).isEqualTo(c.caseId());
        assertThat(byAttendee.get("decisions").get(0).get("types")).extracting(JsonNode::asText).containsExactly("RESOURCE_GAP");
        assertThat(byAttendee.toString()).as("no personal data, no decision text")
                .doesNotContain("阪南").doesNotContain("夜間に相談できる窓口がない");

        Response stranger = api.get("demo-kikan", "/api/v1/meetings/" + meetingId);
        Response missing = api.get("demo-kikan", "/api/v1/meetings/00000000-0000-0000-0000-000000000000");
        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.bodyWithoutInstance()).isEqualTo(missing.bodyWithoutInstance());
        assertThat(api.get("demo-kikan", "/api/v1/meetings/" + c.caseId()).status()).as("a case id is no meeting").isEqualTo(404);
        assertThat(api.get("demo-analyst", "/api/v1/meetings/" + meetingId).status()).isEqualTo(403);
    }

    @Test
    void a_coordinator_lists_its_meetings_by_date_and_kind() {
        Api.OpenedCase opened = api.open8050(COORDINATOR);
        String own = opened.caseId();
        api.consent(COORDINATOR, own, opened.self(), List.of("kodomo"), List.of("MULTILAYER_MEETING"), List.of("BASIC"));
        LocalDate heldOn = today().minusDays(20);
        String support = convene("SUPPORT_MEETING", heldOn, own);
        String multilayer = convene("MULTILAYER_MEETING", heldOn, own);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(ids("?from=" + heldOn + "&to=" + heldOn + "&size=500")).contains(support, multilayer));
        assertThat(ids("?from=" + heldOn + "&to=" + heldOn + "&kind=SUPPORT_MEETING&size=500")).contains(support).doesNotContain(multilayer);
        assertThat(ids("?from=" + heldOn.plusDays(1) + "&size=500")).doesNotContain(support, multilayer);
        assertThat(ids("?to=" + heldOn.minusDays(1) + "&size=500")).doesNotContain(support, multilayer);

        Response page = ok(api.get(COORDINATOR, "/api/v1/meetings?from=" + heldOn + "&to=" + heldOn + "&size=1"));
        assertThat(page.body().get("items")).hasSize(1);
        assertThat(page.body().get("total").asLong()).isGreaterThanOrEqualTo(2);
        JsonNode item = page.body().get("items").get(0);
        assertThat(item.get("heldOn").asText()).isEqualTo(heldOn.toString());
        assertThat(item.get("caseIds")).extracting(JsonNode::asText).containsExactly(own);

        Response bad = api.get(COORDINATOR, "/api/v1/meetings?from=令和8年4月1日&kind=OTHER");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("errors").findValuesAsText("field")).contains("from");
        assertThat(api.get(OPENER, "/api/v1/meetings").status()).as("CASEWORKER").isEqualTo(403);
    }

    @Test
    void the_meeting_reads_are_in_the_published_contract() {
        JsonNode paths = api.get(null, "/v3/api-docs").body().get("paths");
        assertThat(paths.path("/api/v1/meetings").has("get")).isTrue();
        assertThat(paths.path("/api/v1/meetings/{meetingId}").has("get")).isTrue();
        assertThat(paths.path("/api/v1/meetings").path("get").path("parameters").findValuesAsText("name"))
                .contains("from", "to", "kind", "page", "size");
    }

    private List<String> ids(String query) {
        List<String> ids = new ArrayList<>();
        ok(api.get(COORDINATOR, "/api/v1/meetings" + query)).body().get("items").forEach(i -> ids.add(i.get("meetingId").asText()));
        return ids;
    }

    private String convene(String kind, LocalDate heldOn, String caseId) {
        return ok(api.post(COORDINATOR, "/api/v1/meetings", Map.of("kind", kind, "heldOn", heldOn.toString(),
                "attendees", List.of(Map.of("agencyId", "kodomo")), "caseIds", List.of(caseId)))).text("meetingId");
    }

    private static Response ok(Response r) {
        if (r.status() < 200 || r.status() > 299) {
            throw new AssertionError("step answered " + r.status() + ": " + r.body());
        }
        return r;
    }

    private LocalDate today() {
        return clock.instant().atZone(JAPAN).toLocalDate();
    }
}
