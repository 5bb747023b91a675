package jp.kasane.api.projections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.kasane.api.support.KasaneIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The read models fed by the real event store through their pooled streaming processors: cases written over the
 * API show up on the caseload and the hand-off board shortly after (eventual consistency).
 */
@KasaneIntegrationTest
class ProjectionsEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    private HttpResponse<String> send(String method, String path, String key, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private JsonNode ok(String method, String path, String key, String body) throws Exception {
        HttpResponse<String> response = send(method, path, key, body);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    private Optional<JsonNode> onCaseload(String key, String caseId) throws Exception {
        for (JsonNode item : ok("GET", "/api/v1/caseload?size=500", key, null).get("items")) {
            if (item.get("caseId").asText().equals(caseId)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    private Optional<JsonNode> onBoard(String key, String referralId) throws Exception {
        for (JsonNode item : ok("GET", "/api/v1/handoffs?size=500", key, null).get("items")) {
            if (item.get("referralId").asText().equals(referralId)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    @Test
    void aCaseReferredAndAcceptedOverTheApiReachesTheCaseloadAndTheBoard() throws Exception {
        String caseId = ok("POST", "/api/v1/cases", "demo-houkatsu-north", """
                {"occurredAt": "%s", "channel": "VISIT",
                 "summary": "80代の母と50代の息子の二人暮らし。息子は長年ひきこもり。",
                 "issues": ["ISSUE_8050", "HIKIKOMORI", "MENTAL_HEALTH"],
                 "household": {"members": [
                   {"name": "阪南 花子", "birthDate": "1944-05-01", "relationship": "SELF"},
                   {"name": "阪南 一郎", "birthDate": "1974-09-12", "relationship": "CHILD"}]}}
                """.formatted(Instant.now().minusSeconds(60))).get("caseId").asText();

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonNode item = onCaseload("demo-houkatsu-north", caseId).orElseThrow();
            assertThat(item.get("phase").asText()).isEqualTo("INTAKE");
            assertThat(item.get("issues").toString()).isEqualTo("[\"ISSUE_8050\",\"HIKIKOMORI\",\"MENTAL_HEALTH\"]");
        });

        String personId = ok("GET", "/api/v1/cases/" + caseId, "demo-houkatsu-north", null)
                .get("household").get("members").get(0).get("personId").asText();
        String consentId = ok("POST", "/api/v1/cases/" + caseId + "/consents", "demo-houkatsu-north", """
                {"givenBy": {"personId": "%s", "capacity": "SELF"}, "agencyIds": ["jiritsu"],
                 "purposes": ["SUPPORT_COORDINATION"], "categories": ["BASIC"], "validUntil": "%s"}
                """.formatted(personId, LocalDate.now().plusYears(1))).get("consentId").asText();
        String referralId = ok("POST", "/api/v1/cases/" + caseId + "/referrals", "demo-houkatsu-north", """
                {"toAgencyId": "jiritsu", "reason": "就労と家計の相談", "basis": "CONSENT", "categories": ["BASIC"]}
                """).get("referralId").asText();

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonNode item = onBoard("demo-jiritsu", referralId).orElseThrow();
            assertThat(item.get("status").asText()).isEqualTo("REQUESTED");
            assertThat(item.get("fromAgencyId").asText()).isEqualTo("houkatsu-north");
            assertThat(item.get("overdue").asBoolean()).isFalse();
            assertThat(onCaseload("demo-houkatsu-north", caseId).orElseThrow().get("openReferrals").asLong()).isEqualTo(1);
        });
        assertThat(onBoard("demo-kikan", referralId)).as("not kikan's referral").isEmpty();

        ok("POST", "/api/v1/cases/" + caseId + "/referrals/" + referralId + "/acceptance", "demo-jiritsu", null);

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(onBoard("demo-auditor", referralId).orElseThrow().get("status").asText()).isEqualTo("ACCEPTED");
            JsonNode item = onCaseload("demo-jiritsu", caseId).orElseThrow();
            assertThat(item.get("issues").toString()).as("BASIC only").isEqualTo("[\"ISSUE_8050\",\"HIKIKOMORI\"]");
        });

        ok("POST", "/api/v1/cases/" + caseId + "/consents/" + consentId + "/withdrawal", "demo-houkatsu-north", "{}");

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(onCaseload("demo-jiritsu", caseId)).isEmpty());
        assertThat(onCaseload("demo-houkatsu-north", caseId)).isPresent();
    }
}
