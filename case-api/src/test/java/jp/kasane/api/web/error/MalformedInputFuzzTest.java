package jp.kasane.api.web.error;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

import static jp.kasane.api.support.Api.member;

/**
 * Every bad input is a clear 4xx (docs/api.md "Text and input", "Codes"): a corpus of malformed bodies and headers,
 * generated here from a valid body of each endpoint that takes input (each field removed, null, of every wrong JSON
 * type, a control character, an unpaired surrogate, far too long; whole bodies that are not an object; junk in the
 * headers). Each answer must be below 500; every refusal problem+json with a {@code code}; and after a refusal the
 * case's version must not have moved.
 */
@KasaneIntegrationTest
class MalformedInputFuzzTest {

    static final String OPENER = "demo-houkatsu-north";
    static final String COORDINATOR = "demo-coordinator";
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One endpoint: who calls it, where, and a body it accepts. */
    record Endpoint(String key, String path, Map<String, Object> valid) {
    }

    @Autowired
    Api api;
    @Autowired
    TestClock clock;

    @Test
    void at_least_300_malformed_requests_get_no_5xx_and_change_nothing() throws Exception {
        Api.OpenedCase c = api.open8050(OPENER);
        String cases = "/api/v1/cases/" + c.caseId();
        String consentId = api.consent(OPENER, c.caseId(), c.self(), List.of("jiritsu", "city-welfare"),
                List.of("SUPPORT_COORDINATION", "MULTILAYER_MEETING"), List.of("BASIC", "NOTES"));
        String referralId = api.post(OPENER, cases + "/referrals", Map.of("toAgencyId", "jiritsu", "reason", "家計相談",
                "basis", "CONSENT")).text("referralId");
        api.post(OPENER, cases + "/escalation", Map.of("reason", "複合課題"));
        String meetingId = api.post(COORDINATOR, "/api/v1/meetings", Map.of("kind", "MULTILAYER_MEETING",
                "heldOn", today().toString(), "attendees", List.of(Map.of("agencyId", "jiritsu")),
                "caseIds", List.of(c.caseId()))).text("meetingId");

        List<Endpoint> endpoints = List.of(
                new Endpoint(OPENER, "/api/v1/cases", Map.of("occurredAt", "2026-04-03T01:00:00Z", "channel", "VISIT",
                        "summary", "来所相談", "issues", List.of("ISSUE_8050"),
                        "household", Map.of("members", List.of(member("阪南 花子", "1944-05-01", "SELF"))))),
                new Endpoint(OPENER, cases + "/consultations", Map.of("occurredAt", "2026-04-10T01:00:00Z",
                        "channel", "PHONE", "summary", "電話", "issues", List.of("DEBT"), "aboutPersonIds", List.of(c.self()))),
                new Endpoint(OPENER, cases + "/assessments", Map.of("occurredAt", "2026-04-10T01:00:00Z", "summary", "評価")),
                new Endpoint(OPENER, cases + "/consents", Map.of("givenBy", Map.of("personId", c.self(), "capacity", "SELF"),
                        "agencyIds", List.of("kikan"), "purposes", List.of("SUPPORT_COORDINATION"), "categories", List.of("BASIC"),
                        "validUntil", today().plusYears(1).toString(),
                        "evidence", Map.of("form", "WRITTEN", "reference", "同意書", "obtainedOn", today().toString()))),
                new Endpoint(OPENER, cases + "/consents/" + consentId + "/narrowing", Map.of("categories", List.of("BASIC"))),
                new Endpoint(OPENER, cases + "/referrals", Map.of("toAgencyId", "kikan", "reason", "障害の相談",
                        "basis", "CONSENT", "categories", List.of("BASIC"))),
                new Endpoint("demo-jiritsu", cases + "/referrals/" + referralId + "/decline", Map.of("reason", "枠がない")),
                new Endpoint(OPENER, cases + "/closure", Map.of("reason", "転居", "evaluation", "転居した")),
                new Endpoint("demo-kodomo", cases + "/vital-interest-reads",
                        Map.of("justification", "子どもの安全確認のため緊急に世帯状況を確認する必要がある。")),
                new Endpoint(COORDINATOR, "/api/v1/meetings", Map.of("kind", "SUPPORT_MEETING", "heldOn", today().toString(),
                        "attendees", List.of(Map.of("agencyId", "kodomo")), "caseIds", List.of(c.caseId()))),
                new Endpoint(COORDINATOR, "/api/v1/meetings/" + meetingId + "/decisions", Map.of("caseId", c.caseId(),
                        "decisions", List.of(Map.of("type", "RESOURCE_GAP", "description", "居場所がない")))),
                new Endpoint("demo-jiritsu", "/api/v1/meetings/" + meetingId + "/confidentiality-acknowledgements",
                        Map.of("agencyId", "jiritsu")),
                new Endpoint("demo-admin", "/api/v1/agencies", Map.of("id", "fuzz-agency", "name", "ファズ機関",
                        "type", "OTHER_PUBLIC_BODY")));

        List<Map.Entry<Endpoint, String>> corpus = new ArrayList<>();
        for (Endpoint e : endpoints) {
            for (String body : malformations(Api.JSON.valueToTree(e.valid()))) {
                corpus.add(Map.entry(e, body));
            }
        }
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(corpus.size()).as("the corpus").isGreaterThanOrEqualTo(300);
        int sent = 0;
        for (Map.Entry<Endpoint, String> entry : corpus) {
            sent += check(soft, c.caseId(), entry.getKey(), entry.getValue(), Map.of());
        }
        for (Map<String, String> headers : junkHeaders()) {
            sent += check(soft, c.caseId(), endpoints.get(1), Api.JSON.writeValueAsString(endpoints.get(1).valid()), headers);
        }
        soft.assertThat(sent).as("requests sent").isGreaterThanOrEqualTo(300);
        soft.assertAll();
    }

    private int check(SoftAssertions soft, String caseId, Endpoint e, String body, Map<String, String> headers) {
        long before = version(caseId);
        Response r = api.post(e.key(), e.path(), body, headers);
        String what = e.path().replace(caseId, "{case}") + " " + headers + " " + abbreviate(body);
        soft.assertThat(r.status()).as("%s → %s", what, r.body()).isLessThan(500);
        if (r.status() >= 400) {
            soft.assertThat(r.header("Content-Type")).as("%s: problem+json", what).isEqualTo("application/problem+json");
            soft.assertThat(r.code()).as("%s: a code", what).isNotBlank();
            soft.assertThat(version(caseId)).as("%s: the case's version", what).isEqualTo(before);
        }
        return 1;
    }

    /** The corpus for one valid body. */
    static List<String> malformations(JsonNode valid) {
        List<String> out = new ArrayList<>(List.of("", "null", "[]", "123", "\"text\"", "{", "{}}", "{\"a\":}",
                "[".repeat(5000) + "]".repeat(5000), "{\"x\":1,\"x\":2}"));
        List<String> fields = new ArrayList<>();
        valid.fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            Map<String, JsonNode> variants = new LinkedHashMap<>();
            variants.put("null", NODES.nullNode());
            variants.put("number", NODES.numberNode(12345));
            variants.put("huge number", NODES.numberNode(new java.math.BigDecimal("1e400")));
            variants.put("boolean", NODES.booleanNode(true));
            variants.put("array", NODES.arrayNode().add("x").add(1));
            variants.put("object", NODES.objectNode().put("x", "y"));
            variants.put("control", NODES.textNode("a\u0000\u0007b"));
            variants.put("surrogate", NODES.textNode("x\ud800y"));
            variants.put("blank", NODES.textNode("\u3000 \u00a0"));
            variants.put("too long", NODES.textNode("𠮷".repeat(20_001)));
            variants.put("date junk", NODES.textNode("令和8年4月1日"));
            ObjectNode removed = valid.deepCopy();
            removed.remove(field);
            out.add(removed.toString());
            for (JsonNode value : variants.values()) {
                ObjectNode mutated = valid.deepCopy();
                mutated.set(field, value);
                out.add(mutated.toString());
            }
            JsonNode original = valid.get(field);
            if (original.isArray()) {
                ObjectNode many = valid.deepCopy();
                var big = many.putArray(field);
                for (int i = 0; i < 2_000; i++) {
                    big.add(original.size() > 0 ? original.get(0) : NODES.textNode("x"));
                }
                out.add(many.toString());
            }
            if (original.isObject()) {
                ObjectNode nested = valid.deepCopy();
                ObjectNode inner = original.deepCopy();
                inner.fieldNames().forEachRemaining(n -> { });
                List<String> innerFields = new ArrayList<>();
                original.fieldNames().forEachRemaining(innerFields::add);
                for (String innerField : innerFields) {
                    ObjectNode broken = original.deepCopy();
                    broken.put(innerField, "\u0000");
                    nested.set(field, broken);
                    out.add(nested.toString());
                }
            }
        }
        return out;
    }

    static List<Map<String, String>> junkHeaders() {
        return List.of(Map.of("If-Match", "abc"), Map.of("If-Match", "\"\""), Map.of("If-Match", "W/\"1\""),
                Map.of("If-Match", "\"99999999999999999999999\""), Map.of("If-Match", "\"-1\""),
                Map.of("Idempotency-Key", " "), Map.of("Idempotency-Key", "a b"), Map.of("X-Correlation-Id", "a/b"),
                Map.of("Kasane-Actor", "a b"), Map.of("Accept", "text/html"), Map.of("Accept", "garbage"),
                Map.of("Content-Type", "application/xml"), Map.of("Content-Type", "application/json; charset=Shift_JIS"));
    }

    private long version(String caseId) {
        return api.get(OPENER, "/api/v1/cases/" + caseId).body().get("version").asLong();
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }

    private LocalDate today() {
        return clock.instant().atZone(ZoneId.of("Asia/Tokyo")).toLocalDate();
    }
}
