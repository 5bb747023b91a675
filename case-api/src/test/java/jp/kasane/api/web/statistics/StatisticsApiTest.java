package jp.kasane.api.web.statistics;

import com.fasterxml.jackson.databind.JsonNode;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.OpenedCase;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.core.meeting.DecisionType;
import jp.kasane.core.meeting.MeetingKind;
import jp.kasane.core.meeting.events.MeetingConvened;
import jp.kasane.core.meeting.events.MeetingDecisionsTaken;
import jp.kasane.core.personaldata.PersonalDataVault;
import jp.kasane.core.supportcase.events.ResourceGapNoted;
import jp.kasane.projections.statistics.StatisticsProjection;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static jp.kasane.api.support.Api.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /api/v1/statistics/fiscal-years/{fy}} over HTTP, fed by the real event store through the pooled
 * {@code statistics} processor. The database is shared by every test class of the run: exact counts are asserted
 * for fiscal years only this class writes to (平成19・20年度, cases with past consultation dates; a case opened in
 * a year is open at the end of every later year, so nothing here opens a case before FY2009 except that test),
 * and for the current year only the difference this test made, after a sentinel proves the processor has caught up.
 */
@KasaneIntegrationTest
class StatisticsApiTest {

    static final String NORTH = "demo-houkatsu-north";
    static final String COORDINATOR = "demo-coordinator";
    static final String ANALYST = "demo-analyst";
    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final int SENTINEL_YEAR = 2012;

    @Autowired
    Api api;
    @Autowired
    StatisticsProjection projection;
    @Autowired
    EventStore eventStore;
    @Autowired
    PersonalDataVault vault;

    @Test
    void counts_a_past_fiscal_year_exactly_with_japanese_year_boundaries_and_small_cells_suppressed() {
        List<OpenedCase> cases = new ArrayList<>();
        // Five cases in 平成19年度 with the 8050 pair of issues ...
        for (int i = 0; i < 5; i++) {
            cases.add(openAt("2007-06-0" + (i + 1) + "T01:00:00Z", List.of("ISSUE_8050", "HIKIKOMORI")));
        }
        // ... one on 2007-04-01 01:00 in Japan (still March 31 in UTC): FY2007, not FY2006 ...
        cases.add(openAt("2007-03-31T16:00:00Z", List.of("ISSUE_8050", "DEBT")));
        // ... and one on 2008-04-01 00:30 in Japan (March 31 in UTC): FY2008.
        OpenedCase nextYear = openAt("2008-03-31T15:30:00Z", List.of("ISSUE_8050"));
        OpenedCase a = cases.get(0);

        // An issue raised by a later consultation in the same year counts; one raised in the next year does not.
        consult(a.caseId(), "2007-09-01T02:00:00Z", List.of("POVERTY"));
        consult(a.caseId(), "2008-05-01T02:00:00Z", List.of("MENTAL_HEALTH"));

        // Two meetings held in FY2007 (by heldOn), with four decisions, one of them a resource gap. A meeting can
        // only be convened within its window around today, so a past year's meetings come as the history a city
        // migrates: their events are stored as the aggregates would have recorded them.
        String support = UUID.randomUUID().toString();
        String multilayer = UUID.randomUUID().toString();
        storeMeeting(support, MeetingKind.SUPPORT_MEETING, LocalDate.parse("2007-10-01"), a.caseId(),
                List.of(DecisionType.SET_DIRECTION, DecisionType.RESOURCE_GAP));
        storeMeeting(multilayer, MeetingKind.MULTILAYER_MEETING, LocalDate.parse("2007-11-01"), a.caseId(),
                List.of(DecisionType.ACCEPT_FOR_SUPPORT, DecisionType.ADOPT_PLAN));
        int sequence = api.eventCount(a.caseId());
        eventStore.publish(new GenericDomainEventMessage<>("SupportCase", a.caseId(), sequence, new ResourceGapNoted(
                a.caseId(), support, vault.seal(a.caseId(), "夜間に通える居場所が地域にない"), List.of())));

        // Closed today: counted in today's fiscal year, so the case was still open at the end of FY2007 and FY2008.
        ok(api.post(NORTH, "/api/v1/cases/" + cases.get(1).caseId() + "/closure",
                Map.of("reason", "転居", "evaluation", "目標を達成")));

        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            JsonNode s = statistics(2007);
            assertThat(s.get("fiscalYear").asInt()).isEqualTo(2007);
            assertThat(s.get("label").asText()).isEqualTo("平成19年度");
            assertThat(s.get("from").asText()).isEqualTo("2007-04-01");
            assertThat(s.get("to").asText()).isEqualTo("2008-03-31");
            assertThat(s.get("newCases").asLong()).isEqualTo(6);
            assertThat(s.get("closedCases").asLong()).isZero();
            assertThat(s.get("openAtEnd").asLong()).isEqualTo(6);

            JsonNode byIssue = s.get("byIssue");
            assertThat(byIssue.get("ISSUE_8050").asLong()).isEqualTo(6);
            assertThat(byIssue.get("HIKIKOMORI").asLong()).isEqualTo(5);
            assertThat(byIssue.get("DEBT").isNull()).as("1 case: suppressed").isTrue();
            assertThat(byIssue.get("POVERTY").isNull()).as("1 case: suppressed").isTrue();
            assertThat(byIssue.get("MENTAL_HEALTH").asLong()).as("raised in FY2008 only").isZero();
            assertThat(texts(s.get("suppressed"))).containsExactly("DEBT", "POVERTY");

            JsonNode meetings = s.get("meetings");
            assertThat(meetings.get("SUPPORT_MEETING").asLong()).isEqualTo(1);
            assertThat(meetings.get("MULTILAYER_MEETING").asLong()).isEqualTo(1);
            assertThat(meetings.get("decisions").get("ACCEPT_FOR_SUPPORT").asLong()).isEqualTo(1);
            assertThat(meetings.get("decisions").get("SET_DIRECTION").asLong()).isEqualTo(1);
            assertThat(meetings.get("decisions").get("RESOURCE_GAP").asLong()).isEqualTo(1);
            assertThat(meetings.get("decisions").get("ADOPT_PLAN").asLong()).isEqualTo(1);
            assertThat(meetings.get("decisions").get("CLOSE").asLong()).isZero();
            assertThat(s.get("resourceGaps").asLong()).isEqualTo(1);
            assertThat(s.get("referrals").get("requested").asLong()).isZero();
            assertThat(s.get("referrals").get("medianAnswerHours").isNull()).isTrue();

            JsonNode next = statistics(2008);
            assertThat(next.get("newCases").asLong()).isEqualTo(1);
            assertThat(next.get("openAtEnd").asLong()).as("7 opened by 2009-03-31, none closed by then").isEqualTo(7);
            assertThat(next.get("closedCases").asLong()).isZero();
            assertThat(next.get("byIssue").get("ISSUE_8050").isNull()).isTrue();
            assertThat(next.get("byIssue").get("MENTAL_HEALTH").asLong()).as("case opened in FY2007").isZero();
            assertThat(texts(next.get("suppressed"))).containsExactly("ISSUE_8050");
            assertThat(next.get("meetings").get("SUPPORT_MEETING").asLong()).isZero();
        });

        List<OpenedCase> all = new ArrayList<>(cases);
        all.add(nextYear);
        assertNoIdentifiers(statistics(2007), all, List.of(support, multilayer));
        assertNoIdentifiers(statistics(2008), all, List.of(support, multilayer));

        // At least once: delivering every event of these streams again, through Axon's own handler adapter,
        // changes no count.
        JsonNode fy2007 = statistics(2007);
        JsonNode fy2008 = statistics(2008);
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
        Set<String> handled = new HashSet<>();
        for (String stream : List.of(a.caseId(), cases.get(1).caseId(), cases.get(5).caseId(), support, multilayer)) {
            eventStore.readEvents(stream).asStream().filter(handlers::canHandle).forEach(event -> {
                handled.add(event.getPayloadType().getSimpleName());
                try {
                    handlers.handle(event);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        assertThat(handled).contains("CaseOpened", "ConsultationRecorded", "CaseClosed", "MeetingConvened",
                "MeetingDecisionsTaken", "ResourceGapNoted");
        assertThat(statistics(2007)).isEqualTo(fy2007);
        assertThat(statistics(2008)).isEqualTo(fy2008);
    }

    @Test
    void counts_referrals_closures_and_reopenings_of_the_current_year_by_exactly_what_this_test_did() {
        int fy = currentFiscalYear();
        awaitCaughtUp();
        JsonNode before = statistics(fy);

        OpenedCase c = openAt(Instant.now().minusSeconds(60).toString(), List.of("ISSUE_8050", "HIKIKOMORI"));
        ok(api.post(NORTH, "/api/v1/cases/" + c.caseId() + "/consents", Map.of(
                "givenBy", Map.of("personId", c.self(), "capacity", "SELF"),
                "agencyIds", List.of("jiritsu", "kikan", "kodomo"), "purposes", List.of("SUPPORT_COORDINATION"),
                "categories", List.of("BASIC"), "validUntil", LocalDate.now(JAPAN).plusYears(1).toString())));
        String accepted = refer(c.caseId(), "jiritsu");
        String declined = refer(c.caseId(), "kikan");
        String withdrawn = refer(c.caseId(), "kodomo");
        String path = "/api/v1/cases/" + c.caseId() + "/referrals/";
        ok(api.post("demo-jiritsu", path + accepted + "/acceptance", null));
        ok(api.post("demo-jiritsu", path + accepted + "/completion", null));
        ok(api.post("demo-kikan", path + declined + "/decline", Map.of("reason", "対象外")));
        ok(api.post(NORTH, path + withdrawn + "/withdrawal", Map.of("reason", "本人の意向")));
        // Closed and reopened: one closure this year, and the case is open again at the year's end.
        ok(api.post(NORTH, "/api/v1/cases/" + c.caseId() + "/closure", Map.of("reason", "終結", "evaluation", "安定")));
        consult(c.caseId(), Instant.now().minusSeconds(30).toString(), List.of("HIKIKOMORI"));

        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            JsonNode now = statistics(fy);
            assertThat(delta(before, now, "newCases")).isEqualTo(1);
            assertThat(delta(before, now, "closedCases")).isEqualTo(1);
            assertThat(delta(before, now, "openAtEnd")).isEqualTo(1);
            assertThat(delta(before.get("referrals"), now.get("referrals"), "requested")).isEqualTo(3);
            assertThat(delta(before.get("referrals"), now.get("referrals"), "accepted")).isEqualTo(1);
            assertThat(delta(before.get("referrals"), now.get("referrals"), "declined")).isEqualTo(1);
            assertThat(delta(before.get("referrals"), now.get("referrals"), "withdrawn")).isEqualTo(1);
            assertThat(delta(before.get("referrals"), now.get("referrals"), "completed")).isEqualTo(1);
            assertThat(delta(before.get("referrals"), now.get("referrals"), "overdueUnanswered")).isZero();
            assertThat(now.get("referrals").get("medianAnswerHours").isNumber()).isTrue();
        });
        assertNoIdentifiers(statistics(fy), List.of(c), List.of(accepted, declined, withdrawn));
    }

    @Test
    void only_an_analyst_may_read_and_the_fiscal_year_must_be_2000_to_2100() {
        Response ok = api.get(ANALYST, "/api/v1/statistics/fiscal-years/2026");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.text("label")).isEqualTo("令和8年度");
        assertThat(ok.text("from")).isEqualTo("2026-04-01");
        assertThat(ok.text("to")).isEqualTo("2027-03-31");
        assertThat(ok.body().fieldNames()).toIterable().contains("fiscalYear", "newCases", "closedCases", "openAtEnd",
                "byIssue", "suppressed", "meetings", "referrals", "resourceGaps");
        assertThat(ok.body().get("referrals").fieldNames()).toIterable().containsExactly("requested", "accepted",
                "declined", "withdrawn", "completed", "overdueUnanswered", "medianAnswerHours");
        assertThat(api.get(ANALYST, "/api/v1/statistics/fiscal-years/2019").text("label")).isEqualTo("令和元年度");
        assertThat(api.get(ANALYST, "/api/v1/statistics/fiscal-years/2018").text("label")).isEqualTo("平成30年度");

        Response caseworker = api.get(NORTH, "/api/v1/statistics/fiscal-years/2026");
        assertThat(caseworker.status()).isEqualTo(403);
        assertThat(caseworker.code()).isEqualTo("FORBIDDEN");
        assertThat(api.get("demo-auditor", "/api/v1/statistics/fiscal-years/2026").status()).isEqualTo(403);
        assertThat(api.get("demo-admin", "/api/v1/statistics/fiscal-years/2026").status()).isEqualTo(403);
        assertThat(api.get(null, "/api/v1/statistics/fiscal-years/2026").status()).isEqualTo(401);

        for (String bad : List.of("1999", "2101", "-1", "abc")) {
            Response r = api.get(ANALYST, "/api/v1/statistics/fiscal-years/" + bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.code()).as(bad).isEqualTo("VALIDATION_FAILED");
            assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
        }
        assertThat(api.get(ANALYST, "/api/v1/statistics/fiscal-years/2000").status()).isEqualTo(200);
        assertThat(api.get(ANALYST, "/api/v1/statistics/fiscal-years/2100").status()).isEqualTo(200);

        JsonNode published = api.get(null, "/v3/api-docs").body().get("paths").get("/api/v1/statistics/fiscal-years/{fy}");
        assertThat(published.get("get").get("summary").asText()).contains("年度統計");
        assertThat(published.get("get").get("tags").get(0).asText()).isEqualTo("Statistics");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private void storeMeeting(String meetingId, MeetingKind kind, LocalDate heldOn, String caseId, List<DecisionType> types) {
        eventStore.publish(
                new GenericDomainEventMessage<>("Meeting", meetingId, 0, new MeetingConvened(meetingId, kind, heldOn,
                        "coordinator", Set.of("houkatsu-north"), List.of(caseId))),
                new GenericDomainEventMessage<>("Meeting", meetingId, 1, new MeetingDecisionsTaken(meetingId, caseId, types)));
    }

    private OpenedCase openAt(String occurredAt, List<String> issues) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("occurredAt", occurredAt);
        body.put("channel", "VISIT");
        body.put("summary", "80代の母と50代の息子の二人暮らし。息子は長年ひきこもり。");
        body.put("issues", issues);
        body.put("household", Map.of("members", List.of(member("阪南 花子", "1944-05-01", "SELF"),
                member("阪南 一郎", "1974-09-12", "CHILD"))));
        Response r = api.post(NORTH, "/api/v1/cases", body);
        assertThat(r.status()).as("open: " + r.body()).isEqualTo(201);
        String caseId = r.text("caseId");
        List<String> ids = new ArrayList<>();
        api.get(NORTH, "/api/v1/cases/" + caseId).body().get("household").get("members")
                .forEach(m -> ids.add(m.get("personId").asText()));
        return new OpenedCase(caseId, ids);
    }

    private void consult(String caseId, String occurredAt, List<String> issues) {
        ok(api.post(NORTH, "/api/v1/cases/" + caseId + "/consultations", Map.of("occurredAt", occurredAt,
                "channel", "PHONE", "summary", "電話で近況を聞いた。", "issues", issues)));
    }

    private String refer(String caseId, String toAgencyId) {
        return ok(api.post(NORTH, "/api/v1/cases/" + caseId + "/referrals", Map.of("toAgencyId", toAgencyId,
                "reason", "つなぎの理由", "basis", "CONSENT", "categories", List.of("BASIC")))).text("referralId");
    }

    /**
     * The processor handles events in the order they were stored: once a sentinel case opened now with a
     * consultation dated in 平成24年度 (a year nothing else writes to) shows, every event stored before it (by
     * other test classes too) has been counted. It is later than FY2007 and FY2008, so their counts stay exact.
     */
    private void awaitCaughtUp() {
        long before = statistics(SENTINEL_YEAR).get("newCases").asLong();
        openAt(SENTINEL_YEAR + "-06-01T01:00:00Z", List.of("ISSUE_8050"));
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() ->
                assertThat(statistics(SENTINEL_YEAR).get("newCases").asLong()).isGreaterThan(before));
    }

    private JsonNode statistics(int fy) {
        Response r = api.get(ANALYST, "/api/v1/statistics/fiscal-years/" + fy);
        assertThat(r.status()).as("statistics: " + r.body()).isEqualTo(200);
        return r.body();
    }

    private static Response ok(Response r) {
        assertThat(r.status()).as(String.valueOf(r.body())).isBetween(200, 299);
        return r;
    }

    private static long delta(JsonNode before, JsonNode after, String field) {
        return after.get(field).asLong() - before.get(field).asLong();
    }

    private static int currentFiscalYear() {
        LocalDate today = LocalDate.now(JAPAN);
        return today.getMonthValue() >= 4 ? today.getYear() : today.getYear() - 1;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Counts only: no case, person, meeting or referral id, no name, no agency. */
    private static void assertNoIdentifiers(JsonNode body, List<OpenedCase> cases, List<String> otherIds) {
        String text = body.toString();
        for (OpenedCase c : cases) {
            assertThat(text).doesNotContain(c.caseId());
            c.personIds().forEach(p -> assertThat(text).doesNotContain(p));
        }
        otherIds.forEach(id -> assertThat(text).doesNotContain(id));
        assertThat(text).doesNotContain("阪南", "花子", "一郎", "houkatsu-north", "personId", "caseId");
    }
}
