package jp.kasane.api.web.agencies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.kasane.api.support.KasaneIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The agency registry over HTTP with the demo API keys (embedded database, demo keys on by default). */
@KasaneIntegrationTest
class AgencyApiIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Test
    void theRegistryListsTheDemoMunicipality() throws Exception {
        HttpResponse<String> response = get("/api/v1/agencies", "demo-houkatsu-north");

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, String> types = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        for (JsonNode item : JSON.readTree(response.body()).get("items")) {
            ids.add(item.get("id").asText());
            types.put(item.get("id").asText(), item.get("type").asText());
            assertThat(item.get("name").asText()).isNotBlank();
        }
        assertThat(ids).isSorted();
        assertThat(types).containsAllEntriesOf(Map.of(
                "houkatsu-north", "COMMUNITY_GENERAL_SUPPORT_CENTER",
                "houkatsu-south", "COMMUNITY_GENERAL_SUPPORT_CENTER",
                "csw-north", "COMMUNITY_SOCIAL_WORKER",
                "jiritsu", "LIVELIHOOD_CONSULTATION",
                "kikan", "DISABILITY_CORE_CENTER",
                "kodomo", "CHILD_FAMILY_CENTER",
                "npo-ibasho", "PARTICIPATION_PARTNER",
                "city-welfare", "MULTI_AGENCY_COORDINATOR",
                "audit-office", "OTHER_PUBLIC_BODY",
                "planning", "OTHER_PUBLIC_BODY"));
        // Tests sharing this context may have added agencies of their own; the demo ones are all there.
        assertThat(response.body()).contains("\"name\":\"地域包括支援センター北\"");
    }

    @Test
    void withoutACredentialTheAnswerIs401ProblemJson() throws Exception {
        HttpResponse<String> response = get("/api/v1/agencies", null);

        assertUnauthenticated(response);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void aWrongKeyIs401() throws Exception {
        assertUnauthenticated(get("/api/v1/agencies", "demo-houkatsu-nort"));
        assertUnauthenticated(get("/api/v1/agencies", "not-a-key"));
    }

    @Test
    void aCaseworkerMayNotAddAnAgency() throws Exception {
        HttpResponse<String> response = post("/api/v1/agencies", "demo-houkatsu-north",
                Map.of("id", newId(), "name", "地域包括支援センター東", "type", "COMMUNITY_GENERAL_SUPPORT_CENTER"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(403);
        assertThat(problem.get("title").asText()).isEqualTo("Forbidden");
        assertThat(problem.get("code").asText()).isEqualTo("FORBIDDEN");
    }

    @Test
    void anAdminAddsAnAgencyAndItIsListed() throws Exception {
        String id = newId();
        HttpResponse<String> created = post("/api/v1/agencies", "demo-admin",
                Map.of("id", id, "name", "地域包括支援センター東", "type", "COMMUNITY_GENERAL_SUPPORT_CENTER"));

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = JSON.readTree(created.body());
        assertThat(body.get("id").asText()).isEqualTo(id);
        assertThat(body.get("name").asText()).isEqualTo("地域包括支援センター東");
        assertThat(body.get("type").asText()).isEqualTo("COMMUNITY_GENERAL_SUPPORT_CENTER");
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
                v -> assertThat(v).endsWith("/api/v1/agencies/" + id));

        HttpResponse<String> list = get("/api/v1/agencies", "demo-kodomo");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("{\"id\":\"" + id + "\",\"name\":\"地域包括支援センター東\","
                + "\"type\":\"COMMUNITY_GENERAL_SUPPORT_CENTER\"}");

        HttpResponse<String> one = get("/api/v1/agencies/" + id, "demo-kodomo");
        assertThat(one.statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownTypeIsRefusedAs400() throws Exception {
        HttpResponse<String> response = post("/api/v1/agencies", "demo-admin",
                Map.of("id", newId(), "name", "どこか", "type", "HOSPITAL"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(problem.get("errors").findValuesAsText("field")).containsExactly("type");
    }

    @Test
    void aMalformedIdIsRefusedAs400() throws Exception {
        HttpResponse<String> response = post("/api/v1/agencies", "demo-admin",
                Map.of("id", "Not A Slug", "name", "どこか", "type", "OTHER_PUBLIC_BODY"));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(problem.get("errors").findValuesAsText("field")).containsExactly("id");
    }

    @Test
    void anExistingIdIsAConflict() throws Exception {
        HttpResponse<String> response = post("/api/v1/agencies", "demo-admin",
                Map.of("id", "kodomo", "name", "こども家庭センター (2)", "type", "CHILD_FAMILY_CENTER"));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(response.body()).get("code").asText()).isEqualTo("AGENCY_EXISTS");
    }

    @Test
    void healthAndApiDocsNeedNoCredential() throws Exception {
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        HttpResponse<String> docs = get("/v3/api-docs", null);
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode openApi = JSON.readTree(docs.body());
        assertThat(openApi.at("/info/title").asText()).isEqualTo("Kasane partner-agency API");
        assertThat(openApi.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
    }

    private void assertUnauthenticated(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(problem.get("title").asText()).isEqualTo("Unauthorized");
        assertThat(problem.get("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(problem.has("type")).isTrue();
        assertThat(problem.get("detail").asText()).isNotBlank();
    }

    private static String newId() {
        return "test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(String path, String key, Object body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
