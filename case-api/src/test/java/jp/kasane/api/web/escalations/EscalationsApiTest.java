package jp.kasane.api.web.escalations;

import com.fasterxml.jackson.databind.JsonNode;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.OpenedCase;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The coordinator's escalation list: an escalation tells the coordinator that a case exists and who sent it, and
 * nothing else, until a consent naming the coordinator (or a 支援会議 it convenes) gives it a basis.
 */
@KasaneIntegrationTest
class EscalationsApiTest {

    static final String NORTH = "demo-houkatsu-north";
    static final String COORDINATOR = "demo-coordinator";

    @Autowired
    Api api;


    @Test
    void an_escalated_case_is_listed_without_a_basis_until_a_consent_names_the_coordinator() {
        OpenedCase c = api.open8050(NORTH);
        assertThat(api.post(NORTH, "/api/v1/cases/" + c.caseId() + "/escalation", Map.of("reason", "複合課題")).status())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode item = listed(c.caseId()).orElseThrow(() -> new AssertionError("not listed yet"));
            assertThat(item.get("openingAgencyId").asText()).isEqualTo("houkatsu-north");
            assertThat(item.get("escalatedAt").isNull()).isFalse();
            assertThat(item.get("basis").isNull()).as("no consent names the coordinator").isTrue();
        });
        // The escalation alone gives no view: the case reads as missing.
        assertThat(api.get(COORDINATOR, "/api/v1/cases/" + c.caseId()).status()).isEqualTo(404);
        // The list says nothing personal.
        assertThat(api.get(COORDINATOR, "/api/v1/escalations?size=500").body().toString())
                .doesNotContain("阪南").doesNotContain("1944-05-01").doesNotContain("ひきこもり");

        api.consent(NORTH, c.caseId(), c.self(), List.of("city-welfare"), List.of("BASIC"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(listed(c.caseId()).orElseThrow().get("basis").asText()).isEqualTo("CONSENT"));
        Response view = api.get(COORDINATOR, "/api/v1/cases/" + c.caseId());
        assertThat(view.status()).isEqualTo(200);
        assertThat(view.body().get("access").get("categories")).extracting(JsonNode::asText).containsExactly("BASIC");
    }

    @Test
    void only_coordinators_and_paging_is_checked() {
        Response caseworker = api.get(NORTH, "/api/v1/escalations");
        assertThat(caseworker.status()).isEqualTo(403);
        assertThat(caseworker.code()).isEqualTo("FORBIDDEN");
        assertThat(api.get(null, "/api/v1/escalations").status()).isEqualTo(401);
        Response bad = api.get(COORDINATOR, "/api/v1/escalations?size=501");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("errors").get(0).get("field").asText()).isEqualTo("size");
    }

    @Test
    void the_escalation_list_is_in_the_published_contract() {
        JsonNode get = api.get(null, "/v3/api-docs").body().path("paths").path("/api/v1/escalations").path("get");
        assertThat(get.isMissingNode()).as("GET /api/v1/escalations in /v3/api-docs").isFalse();
        assertThat(get.path("parameters").findValuesAsText("name")).contains("page", "size");
        assertThat(get.path("description").asText()).contains("basis");
    }

    private Optional<JsonNode> listed(String caseId) {
        for (JsonNode item : api.get(COORDINATOR, "/api/v1/escalations?size=500").body().get("items")) {
            if (item.get("caseId").asText().equals(caseId)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }
}
