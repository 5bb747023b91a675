package jp.kasane.api.projections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.supportcase.events.ReferralAccepted;
import jp.kasane.core.supportcase.events.ReferralRequested;
import jp.kasane.projections.caseload.CaseloadProjection;
import jp.kasane.projections.handoffs.HandoffProjection;
import org.axonframework.eventhandling.ReplayStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static jp.kasane.api.projections.ProjectionFixtures.agency;
import static jp.kasane.api.projections.ProjectionFixtures.consent;
import static jp.kasane.api.projections.ProjectionFixtures.id;
import static jp.kasane.api.projections.ProjectionFixtures.opened;
import static jp.kasane.api.projections.ProjectionFixtures.referral;
import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/v1/caseload and GET /api/v1/handoffs over HTTP with the demo API keys, on projected rows. */
@KasaneIntegrationTest
class ProjectionEndpointsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    CaseloadProjection caseload;
    @Autowired
    HandoffProjection handoffs;
    @Autowired
    Clock clock;

    private HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static List<String> ids(JsonNode page, String field) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get(field).asText()));
        return ids;
    }

    @Test
    void theCaseloadListsTheCallersAgencysCasesWithOnlyTheIssuesItMaySee() throws Exception {
        Instant at = clock.instant();
        String north = id();
        String jiritsuCase = id();
        String consentId = id();
        String referralId = id();
        caseload.on(opened(north, "houkatsu-north", at, "ISSUE_8050", "MENTAL_HEALTH"), 0L, at, ReplayStatus.REGULAR);
        caseload.on(opened(jiritsuCase, agency("elsewhere"), at, "HIKIKOMORI", "DEMENTIA"), 0L, at, ReplayStatus.REGULAR);
        caseload.on(consent(jiritsuCase, consentId, LocalDate.now(ZoneId.of("Asia/Tokyo")).plusYears(1),
                Set.of("jiritsu"), Set.of(InformationCategory.BASIC), "elsewhere", at), 1L, at, ReplayStatus.REGULAR);
        caseload.on(referral(jiritsuCase, referralId, "elsewhere", "jiritsu", consentId,
                Set.of(InformationCategory.BASIC), at, at.plus(Duration.ofDays(5))), 2L, at, ReplayStatus.REGULAR);
        caseload.on(new ReferralAccepted(jiritsuCase, referralId, "jiritsu", at), 3L, at, ReplayStatus.REGULAR);

        HttpResponse<String> response = get("/api/v1/caseload?page=0&size=500", "demo-houkatsu-north");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode page = JSON.readTree(response.body());
        assertThat(page.get("page").asInt()).isZero();
        assertThat(page.get("size").asInt()).isEqualTo(500);
        assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(ids(page, "caseId")).contains(north).doesNotContain(jiritsuCase);
        JsonNode item = null;
        for (JsonNode i : page.get("items")) {
            if (i.get("caseId").asText().equals(north)) {
                item = i;
            }
        }
        assertThat(item.get("phase").asText()).isEqualTo("INTAKE");
        assertThat(item.get("leadAgencyId").asText()).isEqualTo("houkatsu-north");
        assertThat(item.get("openReferrals").asLong()).isZero();
        assertThat(item.get("issues").toString()).isEqualTo("[\"ISSUE_8050\",\"MENTAL_HEALTH\"]");

        JsonNode forJiritsu = JSON.readTree(get("/api/v1/caseload?size=500", "demo-jiritsu").body());
        for (JsonNode i : forJiritsu.get("items")) {
            if (i.get("caseId").asText().equals(jiritsuCase)) {
                assertThat(i.get("issues").toString()).isEqualTo("[\"HIKIKOMORI\"]");
                return;
            }
        }
        throw new AssertionError("jiritsu's caseload lacks the case it accepted: " + forJiritsu);
    }

    @Test
    void theCaseloadIsForCaseworkersAndChecksItsPaging() throws Exception {
        assertThat(get("/api/v1/caseload", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/caseload", "demo-auditor").statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/caseload", "demo-analyst").statusCode()).isEqualTo(403);
        JsonNode defaults = JSON.readTree(get("/api/v1/caseload", "demo-kodomo").body());
        assertThat(defaults.get("page").asInt()).isZero();
        assertThat(defaults.get("size").asInt()).isEqualTo(50);
        for (String bad : List.of("size=0", "size=501", "size=abc", "page=-1", "page=x")) {
            HttpResponse<String> response = get("/api/v1/caseload?" + bad, "demo-kodomo");
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(JSON.readTree(response.body()).get("code").asText()).isEqualTo("VALIDATION_FAILED");
            assertThat(JSON.readTree(response.body()).get("errors").get(0).get("field").asText()).as("the parameter named")
                    .isEqualTo(bad.substring(0, bad.indexOf('=')));
        }
        assertThat(get("/api/v1/caseload?size=500", "demo-kodomo").statusCode()).isEqualTo(200);
    }

    @Test
    void theBoardShowsACaseworkerItsOwnReferralsAndAuditorsAndAnalystsAll() throws Exception {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String target = agency("to");
        ReferralRequested fromNorth = referral(id(), id(), "houkatsu-north", target, id(),
                Set.of(InformationCategory.BASIC), now.minus(Duration.ofDays(8)), now.minus(Duration.ofDays(1)));
        ReferralRequested fromSouth = referral(id(), id(), "houkatsu-south", target, id(),
                Set.of(InformationCategory.BASIC), now.minus(Duration.ofDays(2)), now.plus(Duration.ofDays(3)));
        handoffs.on(fromNorth);
        handoffs.on(fromSouth);

        String query = "/api/v1/handoffs?toAgencyId=" + target;
        JsonNode north = JSON.readTree(get(query, "demo-houkatsu-north").body());
        assertThat(ids(north, "referralId")).containsExactly(fromNorth.referralId());
        JsonNode item = north.get("items").get(0);
        assertThat(item.get("caseId").asText()).isEqualTo(fromNorth.caseId());
        assertThat(item.get("fromAgencyId").asText()).isEqualTo("houkatsu-north");
        assertThat(item.get("toAgencyId").asText()).isEqualTo(target);
        assertThat(item.get("status").asText()).isEqualTo("REQUESTED");
        assertThat(item.get("requestedAt").asText()).isEqualTo(fromNorth.requestedAt().toString());
        assertThat(item.get("dueAt").asText()).isEqualTo(fromNorth.dueAt().toString());
        assertThat(item.hasNonNull("answeredAt")).isFalse();
        assertThat(item.get("overdue").asBoolean()).isTrue();
        assertThat(north.get("total").asLong()).isEqualTo(1);

        for (String key : List.of("demo-auditor", "demo-analyst")) {
            JsonNode all = JSON.readTree(get(query, key).body());
            assertThat(ids(all, "referralId")).as(key).containsExactly(fromSouth.referralId(), fromNorth.referralId());
        }
        JsonNode requested = JSON.readTree(get(query + "&status=REQUESTED&fromAgencyId=houkatsu-south&overdue=false",
                "demo-auditor").body());
        assertThat(ids(requested, "referralId")).containsExactly(fromSouth.referralId());
    }

    @Test
    void theBoardRefusesOtherRolesAndBadFilters() throws Exception {
        assertThat(get("/api/v1/handoffs", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/handoffs", "demo-admin").statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/handoffs", "demo-coordinator").statusCode()).isEqualTo(200);
        for (String bad : List.of("status=OPEN", "status=requested", "size=501", "size=0", "page=-1", "overdue=maybe")) {
            HttpResponse<String> response = get("/api/v1/handoffs?" + bad, "demo-jiritsu");
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("code").asText()).isEqualTo("VALIDATION_FAILED");
            assertThat(JSON.readTree(response.body()).get("errors").get(0).get("field").asText()).as("the parameter named")
                    .isEqualTo(bad.substring(0, bad.indexOf('=')));
        }
        assertThat(get("/api/v1/handoffs?status=COMPLETED&size=500", "demo-jiritsu").statusCode()).isEqualTo(200);
    }

    @Test
    void bothEndpointsArePublishedInTheOpenApiDocument() throws Exception {
        JsonNode paths = JSON.readTree(get("/v3/api-docs", null).body()).get("paths");

        JsonNode caseloadGet = paths.get("/api/v1/caseload").get("get");
        JsonNode handoffsGet = paths.get("/api/v1/handoffs").get("get");
        assertThat(caseloadGet.get("summary").asText()).contains("担当ケース一覧");
        assertThat(handoffsGet.get("summary").asText()).contains("つなぎボード");
        List<String> parameters = new ArrayList<>();
        handoffsGet.get("parameters").forEach(p -> parameters.add(p.get("name").asText()));
        assertThat(parameters).containsExactly("status", "toAgencyId", "fromAgencyId", "overdue", "page", "size");
    }
}
