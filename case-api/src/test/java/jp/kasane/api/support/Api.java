package jp.kasane.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A partner agency's client, for integration tests: real HTTP against the running app with the demo API keys,
 * plus a look at the raw event table to prove what was (not) recorded.
 */
public class Api {

    /** An HTTP answer: status, headers and the parsed JSON body (null when empty). */
    public record Response(int status, Map<String, List<String>> headers, JsonNode body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(e -> e.getValue().get(0)).orElse(null);
        }

        public String text(String field) {
            JsonNode n = body.get(field);
            return n == null || n.isNull() ? null : n.asText();
        }

        public String code() {
            return text("code");
        }

        /** The body without the request's own path ({@code instance}): what two refusals must agree on. */
        public JsonNode bodyWithoutInstance() {
            return body instanceof ObjectNode o ? o.deepCopy().without("instance") : body;
        }
    }

    /** An opened case and the person ids the server gave its household members, in request order. */
    public record OpenedCase(String caseId, List<String> personIds) {
        public String self() {
            return personIds.get(0);
        }
    }

    public static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    /** A consent's validUntil that stays in the future whenever the suite runs: a year from today in Japan. */
    public static final String CONSENT_VALID_UNTIL = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusYears(1).toString();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final JdbcTemplate jdbc;

    public Api(int port, JdbcTemplate jdbc) {
        this.base = "http://localhost:" + port;
        this.jdbc = jdbc;
    }

    public Response get(String key, String path) {
        return send(key, "GET", path, null, Map.of());
    }

    public Response post(String key, String path, Object body) {
        return send(key, "POST", path, body, Map.of());
    }

    public Response post(String key, String path, Object body, Map<String, String> headers) {
        return send(key, "POST", path, body, headers);
    }

    public Response send(String key, String method, String path, Object body, Map<String, String> headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
            if (key != null) {
                b.header("Authorization", "Bearer " + key);
            }
            headers.forEach(b::header);
            if (body != null) {
                String json = body instanceof String s ? s : JSON.writeValueAsString(body);
                b.header("Content-Type", "application/json");
                b.method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode parsed = r.body() == null || r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
            return new Response(r.statusCode(), r.headers().map(), parsed);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The 8050 household of API.md, opened by {@code key}'s agency. */
    public OpenedCase open8050(String key) {
        return open(key, "80代の母と50代の息子の二人暮らし。息子は長年ひきこもり。母の介護相談で来所。",
                List.of("ISSUE_8050", "HIKIKOMORI"),
                List.of(member("阪南 花子", "1944-05-01", "SELF"), member("阪南 一郎", "1974-09-12", "CHILD")));
    }

    public OpenedCase open(String key, String summary, List<String> issues, List<Map<String, Object>> members) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("occurredAt", "2026-04-03T01:00:00Z");
        body.put("channel", "VISIT");
        body.put("summary", summary);
        body.put("issues", issues);
        body.put("household", Map.of("members", members));
        Response r = post(key, "/api/v1/cases", body);
        if (r.status() != 201) {
            throw new AssertionError("open case answered " + r.status() + ": " + r.body());
        }
        String caseId = r.text("caseId");
        Response view = get(key, "/api/v1/cases/" + caseId);
        List<String> ids = new ArrayList<>();
        view.body().get("household").get("members").forEach(m -> ids.add(m.get("personId").asText()));
        return new OpenedCase(caseId, ids);
    }

    public static Map<String, Object> member(String name, String birthDate, String relationship) {
        return Map.of("name", name, "birthDate", birthDate, "relationship", relationship);
    }

    /** Consent given by {@code personId} (SELF) for agencies and categories, valid to the end of FY2026. */
    public String consent(String key, String caseId, String personId, List<String> agencyIds, List<String> categories) {
        return consent(key, caseId, personId, agencyIds, List.of("SUPPORT_COORDINATION"), categories);
    }

    /** {@code personId} consents for himself or herself ({@code SELF}), for the given purposes. */
    public String consent(String key, String caseId, String personId, List<String> agencyIds, List<String> purposes,
                          List<String> categories) {
        Response r = post(key, "/api/v1/cases/" + caseId + "/consents", Map.of(
                "givenBy", Map.of("personId", personId, "capacity", "SELF"),
                "agencyIds", agencyIds, "purposes", purposes,
                "categories", categories, "validUntil", CONSENT_VALID_UNTIL));
        if (r.status() != 201) {
            throw new AssertionError("consent answered " + r.status() + ": " + r.body());
        }
        return r.text("consentId");
    }

    public ObjectNode json() {
        return JSON.createObjectNode();
    }

    /** How many events the case's stream holds, read from the raw event table. */
    public int eventCount(String aggregateId) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class, aggregateId);
        return n == null ? 0 : n;
    }

    /** The raw event types of a stream, in order. */
    public List<String> eventTypes(String aggregateId) {
        return jdbc.queryForList("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber",
                String.class, aggregateId);
    }

    public int totalEvents() {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Integer.class);
        return n == null ? 0 : n;
    }

    /** The case ids on the agency's caseload (its first 500). */
    public List<String> caseloadIds(String key) {
        List<String> ids = new ArrayList<>();
        get(key, "/api/v1/caseload?size=500").body().get("items").forEach(i -> ids.add(i.get("caseId").asText()));
        return ids;
    }

    /** Where one projection processor stands, as an administrator sees it ({@code GET /api/v1/admin/projections}). */
    public JsonNode projectionStatus(String name) {
        for (JsonNode p : get("demo-admin", "/api/v1/admin/projections").body()) {
            if (p.get("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no processor " + name);
    }
}
