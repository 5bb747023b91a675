package jp.kasane.api.web.support;

import com.fasterxml.jackson.databind.JsonNode;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.api.support.TestClock;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static jp.kasane.api.support.Api.member;

/**
 * Every instant and date the API takes has sane bounds (docs/api.md "Time bounds", {@code TimeBounds}): each bound
 * is tried just inside (answered 2xx) and just outside (a 400 naming the field, nothing recorded).
 */
@KasaneIntegrationTest
class TimeBoundsApiTest {

    static final String OPENER = "demo-houkatsu-north";
    static final String COORDINATOR = "demo-coordinator";
    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    @Autowired
    Api api;
    @Autowired
    TestClock clock;

    private final SoftAssertions soft = new SoftAssertions();

    @Test
    void when_something_happened_lies_between_1900_and_now() {
        Api.OpenedCase c = api.open8050(OPENER);
        Function<String, Response> consult = at -> api.post(OPENER, "/api/v1/cases/" + c.caseId() + "/consultations",
                Map.of("occurredAt", at, "channel", "PHONE", "summary", "電話相談"));
        Function<String, Response> note = at -> api.post(OPENER, "/api/v1/cases/" + c.caseId() + "/assessments",
                Map.of("occurredAt", at, "summary", "アセスメント"));
        inside("occurredAt 1900-01-01T00:00:00Z", consult, "1900-01-01T00:00:00Z");
        inside("occurredAt a second ago", consult, clock.instant().minusSeconds(1).toString());
        outside("occurredAt 1899-12-31T23:59:59Z", consult, "1899-12-31T23:59:59Z", "occurredAt");
        outside("occurredAt ten minutes ahead", consult, clock.instant().plusSeconds(600).toString(), "occurredAt");
        outside("occurredAt year -999999999", consult, "-999999999-01-01T00:00:00Z", "occurredAt");
        outside("an assessment in year 1200", note, "1200-01-01T00:00:00Z", "occurredAt");
        Function<String, Response> open = at -> api.post(OPENER, "/api/v1/cases", Map.of("occurredAt", at,
                "channel", "VISIT", "summary", "来所相談", "household", Map.of("members",
                        List.of(member("阪南 花子", "1944-05-01", "SELF")))));
        outside("opening a case in year 0000", open, "0000-01-01T00:00:00Z", "occurredAt");
        soft.assertAll();
    }

    @Test
    void a_birth_date_lies_between_1900_and_today() {
        Function<String, Response> open = born -> api.post(OPENER, "/api/v1/cases", Map.of(
                "occurredAt", "2026-04-03T01:00:00Z", "channel", "VISIT", "summary", "来所相談",
                "household", Map.of("members", List.of(member("阪南 花子", born, "SELF")))));
        inside("born 1900-01-01", open, "1900-01-01");
        inside("born today", open, today().toString());
        outside("born 1899-12-31", open, "1899-12-31", "household.members[0].birthDate");
        outside("born tomorrow", open, today().plusDays(1).toString(), "household.members[0].birthDate");
        soft.assertAll();
    }

    @Test
    void a_consent_runs_at_most_five_years_and_was_obtained_between_1900_and_today() {
        Api.OpenedCase c = api.open8050(OPENER);
        Function<String, Response> until = validUntil -> api.post(OPENER, "/api/v1/cases/" + c.caseId() + "/consents",
                consent(c, validUntil, today().toString()));
        Function<String, Response> obtained = on -> api.post(OPENER, "/api/v1/cases/" + c.caseId() + "/consents",
                consent(c, today().plusYears(1).toString(), on));
        inside("validUntil today", until, today().toString());
        inside("validUntil five years ahead", until, today().plusYears(5).toString());
        outside("validUntil five years and a day ahead", until, today().plusYears(5).plusDays(1).toString(), "validUntil");
        outside("validUntil yesterday", until, today().minusDays(1).toString(), "validUntil");
        inside("obtainedOn 1900-01-01", obtained, "1900-01-01");
        outside("obtainedOn 1899-12-31", obtained, "1899-12-31", "evidence.obtainedOn");
        outside("obtainedOn tomorrow", obtained, today().plusDays(1).toString(), "evidence.obtainedOn");
        soft.assertAll();
    }

    @Test
    void review_dates_lie_at_most_five_years_ahead() {
        Api.OpenedCase c = api.open8050(OPENER);
        api.post(OPENER, "/api/v1/cases/" + c.caseId() + "/escalation", Map.of("reason", "複合課題"));
        String meetingId = api.post(COORDINATOR, "/api/v1/meetings", Map.of("kind", "SUPPORT_MEETING",
                "heldOn", today().toString(), "attendees", List.of(Map.of("agencyId", "kodomo")),
                "caseIds", List.of(c.caseId()))).text("meetingId");
        api.post(COORDINATOR, "/api/v1/meetings/" + meetingId + "/confidentiality-acknowledgements", Map.of("agencyId", "city-welfare"));
        Function<String, Response> direction = on -> api.post(COORDINATOR, "/api/v1/meetings/" + meetingId + "/decisions",
                Map.of("caseId", c.caseId(), "decisions", List.of(Map.of("type", "SET_DIRECTION", "direction", "見守り",
                        "watchOver", true, "actions", List.of(), "nextReviewOn", on))));
        inside("nextReviewOn five years ahead", direction, today().plusYears(5).toString());
        outside("nextReviewOn five years and a day ahead", direction, today().plusYears(5).plusDays(1).toString(),
                "decisions[0].nextReviewOn");
        outside("nextReviewOn 1899-12-31", direction, "1899-12-31", "decisions[0].nextReviewOn");

        Api.OpenedCase planned = api.open8050(COORDINATOR);
        api.consent(COORDINATOR, planned.caseId(), planned.self(), List.of("kikan"), List.of("MULTILAYER_MEETING"), List.of("BASIC"));
        String multilayer = api.post(COORDINATOR, "/api/v1/meetings", Map.of("kind", "MULTILAYER_MEETING",
                "heldOn", today().toString(), "attendees", List.of(Map.of("agencyId", "kikan")),
                "caseIds", List.of(planned.caseId()))).text("meetingId");
        Function<String, Response> plan = on -> api.post(COORDINATOR, "/api/v1/meetings/" + multilayer + "/decisions",
                Map.of("caseId", planned.caseId(), "decisions", List.of(Map.of("type", "ACCEPT_FOR_SUPPORT"),
                        Map.of("type", "ADOPT_PLAN", "goals", List.of("在宅生活の継続"),
                                "roles", List.of(Map.of("agencyId", "kikan", "task", "サービス調整")),
                                "leadAgencyId", "city-welfare", "reviewOn", on))));
        outside("reviewOn five years and a day ahead", plan, today().plusYears(5).plusDays(1).toString(), "decisions[1].reviewOn");
        inside("reviewOn five years ahead", plan, today().plusYears(5).toString());
        soft.assertAll();
    }

    @Test
    void dates_and_instants_in_queries_lie_between_1900_and_9999() {
        Api.OpenedCase c = api.open8050(OPENER);
        Function<String, Response> asOf = at -> api.get("demo-auditor", "/api/v1/audit/cases/" + c.caseId() + "/events?asOf=" + at);
        inside("asOf 1900-01-01T00:00:00Z", asOf, "1900-01-01T00:00:00Z");
        inside("asOf 9999-12-31T23:59:59Z", asOf, "9999-12-31T23:59:59Z");
        outside("asOf 1899-12-31T23:59:59Z", asOf, "1899-12-31T23:59:59Z", "asOf");
        outside("asOf +10000-01-01T00:00:00Z", asOf, "%2B10000-01-01T00:00:00Z", "asOf");
        Function<String, Response> from = d -> api.get(COORDINATOR, "/api/v1/meetings?from=" + d);
        Function<String, Response> to = d -> api.get(COORDINATOR, "/api/v1/meetings?to=" + d);
        inside("from 1900-01-01", from, "1900-01-01");
        outside("from 1899-12-31", from, "1899-12-31", "from");
        inside("to 9999-12-31", to, "9999-12-31");
        outside("to +10000-01-01", to, "%2B10000-01-01", "to");
        soft.assertAll();
    }

    // ---- the two checks ----------------------------------------------------------------------------------------

    private void inside(String what, Function<String, Response> call, String value) {
        Response r = call.apply(value);
        soft.assertThat(r.status()).as("%s is inside (answer %s)", what, r.body()).isBetween(200, 299);
    }

    private void outside(String what, Function<String, Response> call, String value, String field) {
        int total = api.totalEvents();
        Response r = call.apply(value);
        soft.assertThat(r.status()).as("%s is outside (answer %s)", what, r.body()).isEqualTo(400);
        soft.assertThat(fields(r)).as("%s: the field named", what).contains(field);
        soft.assertThat(api.totalEvents()).as("%s: nothing recorded", what).isEqualTo(total);
    }

    private static List<String> fields(Response r) {
        List<String> fields = new ArrayList<>();
        JsonNode errors = r.body() == null ? null : r.body().get("errors");
        if (errors != null) {
            errors.forEach(e -> fields.add(e.path("field").asText()));
        }
        return fields;
    }

    private Map<String, Object> consent(Api.OpenedCase c, String validUntil, String obtainedOn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("givenBy", Map.of("personId", c.self(), "capacity", "SELF"));
        body.put("agencyIds", List.of("jiritsu"));
        body.put("purposes", List.of("SUPPORT_COORDINATION"));
        body.put("categories", List.of("BASIC"));
        body.put("validUntil", validUntil);
        body.put("evidence", Map.of("form", "WRITTEN", "reference", "同意書", "obtainedOn", obtainedOn));
        return body;
    }

    private LocalDate today() {
        return clock.instant().atZone(JAPAN).toLocalDate();
    }
}
