package jp.kasane.api.web.cases;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Outreach leaves a trace (docs/api.md, "contacts"): visit after visit to the withdrawn son, most unanswered, one with
 * the CSW going along (同行). The holder sees every contact; the CSW gains nothing by going along; an agency reading on
 * the mother's consent sees none of the contacts about the son.
 */
@KasaneIntegrationTest
class ContactsTest {

    static final String NORTH = "demo-houkatsu-north";

    @Autowired
    Api api;

    @Test
    void visits_unanswered_and_answered_are_recorded_and_shown_only_on_a_basis() {
        Api.OpenedCase c = api.open8050(NORTH);
        String son = c.personIds().get(1);
        String contacts = "/api/v1/cases/" + c.caseId() + "/contacts";
        api.consent(NORTH, c.caseId(), c.self(), List.of("jiritsu"), List.of("BASIC", "NOTES"));

        assertThat(contact(contacts, "2026-05-01T01:00:00Z", "HOME_VISIT", false, List.of(), null, son).status()).isEqualTo(201);
        assertThat(contact(contacts, "2026-05-08T01:00:00Z", "LETTER", false, List.of(), "置き手紙を残した。", son).status()).isEqualTo(201);
        Response reached = contact(contacts, "2026-05-15T01:00:00Z", "HOME_VISIT", true, List.of("csw-north"),
                "玄関越しに5分話せた。ゲームの話。", son);
        assertThat(reached.status()).as(reached.body().toString()).isEqualTo(201);
        assertThat(reached.text("contactId")).isNotBlank();

        JsonNode seen = api.get(NORTH, "/api/v1/cases/" + c.caseId()).body().get("contacts");
        assertThat(seen).hasSize(3);
        assertThat(seen.findValuesAsText("method")).containsExactly("HOME_VISIT", "LETTER", "HOME_VISIT");
        assertThat(seen.findValuesAsText("reached")).containsExactly("false", "false", "true");
        assertThat(seen.get(0).path("summary").isNull() || seen.get(0).path("summary").isMissingNode()).isTrue();
        assertThat(seen.get(2).get("summary").asText()).isEqualTo("玄関越しに5分話せた。ゲームの話。");
        assertThat(seen.get(2).get("accompaniedAgencyIds").get(0).asText()).isEqualTo("csw-north");
        assertThat(seen.get(2).get("agencyId").asText()).isEqualTo("houkatsu-north");

        assertThat(api.get("demo-csw-north", "/api/v1/cases/" + c.caseId()).status())
                .as("going along gives no access").isEqualTo(404);
        JsonNode jiritsu = api.get("demo-jiritsu", "/api/v1/cases/" + c.caseId()).body();
        assertThat(jiritsu.get("contacts")).as("contacts about the son, on the mother's consent").isEmpty();
        assertThat(jiritsu.toString()).doesNotContain("ゲームの話");

        // The holder's caseload says when the persons were last contacted (the latest contact by when it happened).
        contact(contacts, "2026-05-03T01:00:00Z", "PHONE", false, List.of(), null, son); // recorded late, happened earlier
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode item = null;
            for (JsonNode i : api.get(NORTH, "/api/v1/caseload?size=500").body().get("items")) {
                if (i.get("caseId").asText().equals(c.caseId())) {
                    item = i;
                }
            }
            assertThat(item).as("on the caseload").isNotNull();
            assertThat(item.get("lastContactAt").asText()).isEqualTo("2026-05-15T01:00:00Z");
        });
    }

    @Test
    void an_unknown_method_or_agency_and_a_stranger_record_nothing() {
        Api.OpenedCase c = api.open8050(NORTH);
        String contacts = "/api/v1/cases/" + c.caseId() + "/contacts";
        int before = api.eventCount(c.caseId());
        Response unknownAgency = contact(contacts, "2026-05-01T01:00:00Z", "ACCOMPANIED_VISIT", true, List.of("nowhere"), null, null);
        assertThat(unknownAgency.status()).isEqualTo(400);
        assertThat(unknownAgency.body().toString()).contains("accompaniedAgencyIds[0]");
        Response unknownMethod = contact(contacts, "2026-05-01T01:00:00Z", "PIGEON", true, List.of(), null, null);
        assertThat(unknownMethod.status()).isEqualTo(400);
        assertThat(unknownMethod.body().toString()).contains("method");
        assertThat(api.post("demo-jiritsu", contacts, Map.of("occurredAt", "2026-05-01T01:00:00Z", "method", "PHONE",
                "reached", false)).status()).as("a stranger: the case looks missing").isEqualTo(404);
        assertThat(api.eventCount(c.caseId())).isEqualTo(before);
    }

    private Response contact(String path, String at, String method, boolean reached, List<String> along, String summary,
                             String about) {
        Map<String, Object> body = new HashMap<>(Map.of("occurredAt", at, "method", method, "reached", reached,
                "accompaniedAgencyIds", along));
        if (summary != null) {
            body.put("summary", summary);
        }
        if (about != null) {
            body.put("aboutPersonIds", List.of(about));
        }
        return api.post(NORTH, path, body);
    }
}
