package jp.kasane.api.web.statistics;

import com.fasterxml.jackson.databind.JsonNode;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static jp.kasane.api.support.Api.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The statistics of everyday practice (docs/statistics.md): who brought the consultations and how the agencies made
 * contact, on a generated 平成22年度 (FY2010, a year only this class writes to) with known counts, its Japanese year
 * boundaries, and small cells (1 to 4) answered as null.
 */
@KasaneIntegrationTest
class EverydayPracticeStatisticsTest {

    static final String NORTH = "demo-houkatsu-north";
    static final String ANALYST = "demo-analyst";

    @Autowired
    Api api;

    @Test
    void consultations_by_who_brought_them_and_contacts_by_method_and_reached() {
        // A contact on 2011-04-01 00:00 in Japan belongs to FY2011: stored first, so that the last event is counted.
        String first = open("SELF");
        contact(first, "2011-03-31T15:00:00Z", "PHONE", true);

        // Consultations: 6 brought by the person (each case's opening), 2 by neighbours, 5 not asked.
        for (int i = 1; i < 6; i++) {
            open("SELF");
        }
        String second = open(null); // opened with consultedBy not asked: UNKNOWN
        consult(first, "2010-07-01T01:00:00Z", "NEIGHBOUR");
        consult(first, "2010-08-01T01:00:00Z", "NEIGHBOUR");
        for (int i = 0; i < 4; i++) {
            consult(second, "2010-09-0" + (i + 1) + "T01:00:00Z", null);
        }

        // Contacts: 7 home visits (3 reached), 5 calls (all reached; one on 2010-04-01 00:00 in Japan, FY2010), 1 letter.
        for (int i = 0; i < 7; i++) {
            contact(first, "2010-10-1" + i + "T01:00:00Z", "HOME_VISIT", i < 3);
        }
        contact(second, "2010-03-31T15:00:00Z", "PHONE", true);
        for (int i = 0; i < 3; i++) {
            contact(second, "2010-11-0" + (i + 1) + "T01:00:00Z", "PHONE", true);
        }
        contact(second, "2010-12-01T01:00:00Z", "LETTER", false);
        contact(second, "2011-01-05T01:00:00Z", "PHONE", true); // the last event stored: counted

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode fy = api.get(ANALYST, "/api/v1/statistics/fiscal-years/2010").body();
            assertThat(fy.at("/contacts/total").asLong()).isEqualTo(13);
        });
        JsonNode fy = api.get(ANALYST, "/api/v1/statistics/fiscal-years/2010").body();

        JsonNode consultations = fy.get("consultations");
        assertThat(consultations.get("total").asLong()).isEqualTo(13);
        JsonNode byWhom = consultations.get("byConsultedBy");
        assertThat(byWhom.get("SELF").asLong()).isEqualTo(6);
        assertThat(byWhom.get("NEIGHBOUR").isNull()).as("2: suppressed").isTrue();
        assertThat(byWhom.get("UNKNOWN").asLong()).isEqualTo(5);
        assertThat(byWhom.get("FAMILY").asLong()).as("zero is not suppressed").isZero();
        assertThat(byWhom.get("COMMISSIONER").asLong()).isZero();

        JsonNode contacts = fy.get("contacts");
        assertThat(contacts.get("total").asLong()).isEqualTo(13);
        assertThat(contacts.get("reached").asLong()).isEqualTo(8);
        assertThat(contacts.at("/byMethod/HOME_VISIT/total").asLong()).isEqualTo(7);
        assertThat(contacts.at("/byMethod/HOME_VISIT/reached").isNull()).as("3: suppressed").isTrue();
        assertThat(contacts.at("/byMethod/PHONE/total").asLong()).isEqualTo(5);
        assertThat(contacts.at("/byMethod/PHONE/reached").asLong()).isEqualTo(5);
        assertThat(contacts.at("/byMethod/LETTER/total").isNull()).as("1: suppressed").isTrue();
        assertThat(contacts.at("/byMethod/LETTER/reached").asLong()).isZero();
        assertThat(contacts.at("/byMethod/OUTREACH/total").asLong()).isZero();

        JsonNode next = api.get(ANALYST, "/api/v1/statistics/fiscal-years/2011").body();
        assertThat(next.at("/contacts/byMethod/PHONE/total").isNull()).as("the FY2011 call: 1, suppressed").isTrue();
        assertThat(next.at("/contacts/total").asLong()).isEqualTo(1);
        assertThat(api.get(NORTH, "/api/v1/statistics/fiscal-years/2010").status()).isEqualTo(403);
    }

    private String open(String consultedBy) {
        Map<String, Object> body = new HashMap<>(Map.of("occurredAt", "2010-05-10T01:00:00Z", "channel", "VISIT",
                "summary", "相談", "household", Map.of("members", List.of(member("平成 花子", "1944-05-01", "SELF")))));
        if (consultedBy != null) {
            body.put("consultedBy", consultedBy);
        }
        Response r = api.post(NORTH, "/api/v1/cases", body);
        assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
        return r.text("caseId");
    }

    private void consult(String caseId, String at, String consultedBy) {
        Map<String, Object> body = new HashMap<>(Map.of("occurredAt", at, "channel", "PHONE", "summary", "電話"));
        if (consultedBy != null) {
            body.put("consultedBy", consultedBy);
        }
        assertThat(api.post(NORTH, "/api/v1/cases/" + caseId + "/consultations", body).status()).isEqualTo(201);
    }

    private void contact(String caseId, String at, String method, boolean reached) {
        Response r = api.post(NORTH, "/api/v1/cases/" + caseId + "/contacts",
                Map.of("occurredAt", at, "method", method, "reached", reached));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
    }
}
