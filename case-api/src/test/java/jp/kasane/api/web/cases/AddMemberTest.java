package jp.kasane.api.web.cases;

import com.fasterxml.jackson.databind.JsonNode;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static jp.kasane.api.support.Api.member;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Households that change (docs/api.md "Household members"): the 8050 son the 包括 learns of later joins the case as a
 * person of his own. The holder sees him; an agency reading on the mother's consent does not; no one else may add
 * anyone (the case looks missing), a second SELF is refused, and nothing is recorded by a refusal. A member who
 * moves out or dies stays in the history, with the day and why.
 */
@KasaneIntegrationTest
class AddMemberTest {

    static final String NORTH = "demo-houkatsu-north";

    @Autowired
    Api api;

    @Test
    void the_son_found_later_joins_the_household_as_a_person_of_his_own() {
        Api.OpenedCase c = api.open(NORTH, "80代の母の介護相談。同居家族は不明。", List.of("ISSUE_8050"),
                List.of(member("阪南 花子", "1944-05-01", "SELF")));
        api.consent(NORTH, c.caseId(), c.self(), List.of("jiritsu"), List.of("BASIC", "NOTES"));

        Response added = api.post(NORTH, "/api/v1/cases/" + c.caseId() + "/members",
                Map.of("name", "阪南 一郎", "birthYear", 1974, "relationship", "CHILD"));
        assertThat(added.status()).as(added.body().toString()).isEqualTo(201);
        String son = added.text("personId");
        assertThat(son).isNotBlank().isNotEqualTo(c.self());

        assertThat(names(api.get(NORTH, "/api/v1/cases/" + c.caseId()).body())).containsExactly("阪南 花子", "阪南 一郎");
        JsonNode jiritsu = api.get("demo-jiritsu", "/api/v1/cases/" + c.caseId()).body();
        assertThat(names(jiritsu)).as("the mother's consent covers the mother only").containsExactly("阪南 花子");
        assertThat(jiritsu.toString()).doesNotContain("阪南 一郎", son);
    }

    @Test
    void a_non_holder_a_second_self_or_a_closed_case_adds_no_one() {
        Api.OpenedCase c = api.open8050(NORTH);
        String members = "/api/v1/cases/" + c.caseId() + "/members";
        int before = api.eventCount(c.caseId());

        Response stranger = api.post("demo-jiritsu", members, Map.of("relationship", "CHILD"));
        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.code()).isEqualTo("NOT_FOUND");

        Response second = api.post(NORTH, members, Map.of("name", "別人", "relationship", "SELF"));
        assertThat(second.status()).isEqualTo(400);
        assertThat(second.body().get("rule").asText()).isEqualTo("ONE_SELF");

        Response noRelationship = api.post(NORTH, members, Map.of("name", "誰か"));
        assertThat(noRelationship.status()).isEqualTo(400);
        assertThat(noRelationship.body().toString()).contains("relationship");
        assertThat(api.eventCount(c.caseId())).as("nothing recorded").isEqualTo(before);
    }

    @Test
    void a_member_who_moves_out_or_dies_stays_in_the_history_with_the_day() {
        Api.OpenedCase c = api.open8050(NORTH);
        String son = c.personIds().get(1);
        String departure = "/api/v1/cases/" + c.caseId() + "/members/" + son + "/departure";
        int before = api.eventCount(c.caseId());

        assertThat(api.post(NORTH, departure, Map.of("reason", "MOVED_OUT", "on", "2999-01-01")).status())
                .as("a day after today").isEqualTo(400);
        assertThat(api.post("demo-jiritsu", departure, Map.of("reason", "MOVED_OUT", "on", "2026-05-01")).status())
                .as("a stranger").isEqualTo(404);
        assertThat(api.post(NORTH, "/api/v1/cases/" + c.caseId() + "/members/no-such-person/departure",
                Map.of("reason", "DIED", "on", "2026-05-01")).status()).as("not a member").isEqualTo(404);
        assertThat(api.eventCount(c.caseId())).isEqualTo(before);

        Response left = api.post(NORTH, departure, Map.of("reason", "MOVED_OUT", "on", "2026-05-01"));
        assertThat(left.status()).as(left.body().toString()).isEqualTo(200);
        JsonNode members = api.get(NORTH, "/api/v1/cases/" + c.caseId()).body().get("household").get("members");
        assertThat(names(api.get(NORTH, "/api/v1/cases/" + c.caseId()).body())).as("still in the history")
                .containsExactly("阪南 花子", "阪南 一郎");
        assertThat(members.get(1).get("left").get("reason").asText()).isEqualTo("MOVED_OUT");
        assertThat(members.get(1).get("left").get("on").asText()).isEqualTo("2026-05-01");
        assertThat(members.get(0).has("left")).isFalse();

        Response again = api.post(NORTH, departure, Map.of("reason", "DIED", "on", "2026-06-01"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("MEMBER_ALREADY_LEFT");
    }

    private static List<String> names(JsonNode view) {
        List<String> names = new ArrayList<>();
        view.get("household").get("members").forEach(m -> names.add(m.path("name").asText()));
        return names;
    }
}
