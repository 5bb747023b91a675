package jp.kasane.api.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.OpenedCase;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static jp.kasane.api.support.Api.member;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON partner agencies receive, pinned: one seed household (8050, consent of the mother only, a referral, a
 * 重層的支援会議 adopting a plan), read by each kind of viewer (the opening agency, the receiving agency that sees the
 * mother only, a plan-role partner on consent, the coordinator, and an agency with no basis, whose 404 must look
 * like a missing case). A change of structure must not change a byte of it: the views are compared with
 * {@code src/test/resources/snapshots/case-views.json}, ids, times and today's dates replaced by placeholders.
 *
 * <p>A deliberate change of the contract regenerates the file with {@code -Dkasane.snapshots.update=true}, and the
 * diff of that file is then part of the review.
 */
@KasaneIntegrationTest
class CaseViewSnapshotTest {

    static final Path SNAPSHOT = Path.of("src/test/resources/snapshots/case-views.json");
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Tokyo"));
    static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

    @Autowired
    Api api;

    @Test
    void every_viewer_of_the_seed_household_gets_exactly_the_pinned_json() throws IOException {
        OpenedCase household = api.open("demo-houkatsu-north",
                "80代の母と50代の息子の二人暮らし。息子は20年以上ひきこもり、母の年金で生活。母の介護相談で来所。",
                List.of("ISSUE_8050", "HIKIKOMORI"),
                List.of(member("阪南 花子", "1944-05-01", "SELF"), member("阪南 一郎", "1974-09-12", "CHILD")));
        String caseId = household.caseId();
        String cases = "/api/v1/cases/" + caseId;
        ok(201, api.post("demo-houkatsu-north", cases + "/consents", Map.of(
                "givenBy", Map.of("personId", household.self(), "capacity", "SELF"),
                "agencyIds", List.of("jiritsu", "city-welfare", "npo-ibasho"),
                "purposes", List.of("SUPPORT_COORDINATION", "MULTILAYER_MEETING"),
                "categories", List.of("BASIC", "NOTES"),
                "validUntil", Api.CONSENT_VALID_UNTIL,
                "evidence", Map.of("form", "WRITTEN", "reference", "同意書 R8-0123", "obtainedOn", TODAY.toString()))));
        String referralId = ok(201, api.post("demo-houkatsu-north", cases + "/referrals", Map.of(
                "toAgencyId", "jiritsu", "reason", "家計が逼迫。息子の就労準備につなぎたい。",
                "basis", "CONSENT", "categories", List.of("BASIC", "NOTES")))).text("referralId");
        ok(200, api.post("demo-jiritsu", cases + "/referrals/" + referralId + "/acceptance", null));
        ok(200, api.post("demo-houkatsu-north", cases + "/escalation", Map.of("reason", "複合ケースのため多機関協働へ。")));
        Map<String, Object> meeting = new LinkedHashMap<>();
        meeting.put("kind", "MULTILAYER_MEETING");
        meeting.put("heldOn", TODAY.toString());
        meeting.put("attendees", List.of(Map.of("agencyId", "houkatsu-north"), Map.of("agencyId", "jiritsu"),
                Map.of("agencyId", "npo-ibasho")));
        meeting.put("caseIds", List.of(caseId));
        String meetingId = ok(201, api.post("demo-coordinator", "/api/v1/meetings", meeting)).text("meetingId");
        ok(200, api.post("demo-coordinator", "/api/v1/meetings/" + meetingId + "/decisions", Map.of("caseId", caseId,
                "decisions", List.of(Map.of("type", "ACCEPT_FOR_SUPPORT"), Map.of("type", "ADOPT_PLAN",
                        "goals", List.of("息子が週1回居場所に通う"),
                        "roles", List.of(Map.of("agencyId", "npo-ibasho", "task", "居場所の提供と伴走"),
                                Map.of("agencyId", "houkatsu-north", "task", "母の介護サービス調整")),
                        "leadAgencyId", "houkatsu-north",
                        "reviewOn", TODAY.plusMonths(3).toString())))));

        ObjectNode views = Api.JSON.createObjectNode();
        for (String viewer : List.of("demo-houkatsu-north", "demo-jiritsu", "demo-npo-ibasho", "demo-coordinator",
                "demo-kodomo")) {
            Response r = api.get(viewer, cases);
            ObjectNode answer = views.putObject(viewer);
            answer.put("status", r.status());
            answer.set("body", r.body());
        }
        JsonNode actual = placeholders(views);

        if (Boolean.getBoolean("kasane.snapshots.update") || !Files.exists(SNAPSHOT)) {
            Files.writeString(SNAPSHOT, pretty(actual), StandardCharsets.UTF_8);
            assertThat(Boolean.getBoolean("kasane.snapshots.update"))
                    .as("no snapshot was committed; written to " + SNAPSHOT + ": review it and commit it").isTrue();
        }
        JsonNode expected = Api.JSON.readTree(Files.readString(SNAPSHOT, StandardCharsets.UTF_8));
        assertThat(pretty(actual)).as("the API's JSON changed; if on purpose, rerun with -Dkasane.snapshots.update=true")
                .isEqualTo(pretty(expected));
    }

    /** Ids become {@code <id-1>}, {@code <id-2>} … in order of appearance; times and today's dates a name. */
    private static JsonNode placeholders(JsonNode tree) {
        Map<String, String> ids = new HashMap<>();
        return replace(tree, ids);
    }

    private static JsonNode replace(JsonNode node, Map<String, String> ids) {
        if (node.isObject()) {
            // An object keyed by ids (a map of persons) is compared in the order of its placeholders.
            java.util.TreeMap<String, JsonNode> byId = new java.util.TreeMap<>();
            ObjectNode copy = Api.JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = field.getKey();
                if (UUID.matcher(key).matches()) {
                    byId.put(ids.computeIfAbsent(key, id -> "<id-" + (ids.size() + 1) + ">"), field.getValue());
                } else {
                    copy.set(key, replace(field.getValue(), ids));
                }
            }
            byId.forEach((key, value) -> copy.set(key, replace(value, ids)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Api.JSON.createArrayNode();
            node.forEach(element -> copy.add(replace(element, ids)));
            return copy;
        }
        if (node.isTextual()) {
            String text = UUID.matcher(node.asText()).replaceAll(m -> ids.computeIfAbsent(m.group(),
                    id -> "<id-" + (ids.size() + 1) + ">"));
            text = INSTANT.matcher(text).replaceAll("<instant>");
            text = text.replace(Api.CONSENT_VALID_UNTIL, "<valid-until>")
                    .replace(TODAY.plusMonths(3).toString(), "<today+3m>")
                    .replace(TODAY.toString(), "<today>");
            return TextNode.valueOf(text);
        }
        return node;
    }

    private static String pretty(JsonNode node) throws IOException {
        return Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
    }

    private static Response ok(int status, Response r) {
        assertThat(r.status()).as("answer: %s", r.body()).isEqualTo(status);
        return r;
    }
}
