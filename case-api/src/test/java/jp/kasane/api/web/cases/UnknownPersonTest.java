package jp.kasane.api.web.cases;

import com.fasterxml.jackson.databind.JsonNode;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * People not yet known by name (docs/api.md "Household members"): a 民生委員 or a neighbour reports someone
 * (「近所の〇〇さん、最近しんどそう」) whose name and birth date nobody knows; the case opens with what is known, an
 * approximate birth year may stand for the age, and the person is shown as unknown, not as erased.
 */
@KasaneIntegrationTest
class UnknownPersonTest {

    static final String CSW = "demo-csw-north";

    @Autowired
    Api api;

    @Test
    void a_report_about_someone_whose_name_is_unknown_opens_a_case() {
        Map<String, Object> unnamed = new HashMap<>(Map.of("relationship", "SELF", "birthYear", 1950));
        Response opened = api.post(CSW, "/api/v1/cases", Map.of(
                "occurredAt", "2026-05-10T01:00:00Z", "channel", "VISIT",
                "summary", "民生委員から: 3丁目の一人暮らしの高齢女性、最近ゴミが出ていない。名前は不明。",
                "issues", List.of("HOARDING"),
                "household", Map.of("members", List.of(unnamed))));
        assertThat(opened.status()).as(opened.body().toString()).isEqualTo(201);

        JsonNode member = api.get(CSW, "/api/v1/cases/" + opened.text("caseId")).body()
                .get("household").get("members").get(0);
        assertThat(member.path("name").isMissingNode() || member.get("name").isNull()).as("unknown name").isTrue();
        assertThat(member.path("birthDate").isMissingNode() || member.get("birthDate").isNull()).isTrue();
        assertThat(member.get("birthYear").asInt()).isEqualTo(1950);
        assertThat(member.has("erased")).as("unknown is not erased").isFalse();
        assertThat(member.get("relationship").asText()).isEqualTo("SELF");
    }

    @Test
    void a_name_given_blank_a_birth_year_out_of_range_or_both_date_and_year_are_refused() {
        int nextYear = LocalDate.now(ZoneId.of("Asia/Tokyo")).getYear() + 1;
        int before = api.totalEvents();
        Response blank = open(Map.of("name", "\u3000", "relationship", "SELF"));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body().toString()).contains("household.members[0].name");

        Response future = open(Map.of("birthYear", nextYear, "relationship", "SELF"));
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.body().toString()).contains("household.members[0].birthYear");
        Response ancient = open(Map.of("birthYear", 1899, "relationship", "SELF"));
        assertThat(ancient.status()).isEqualTo(400);

        Response both = open(Map.of("birthDate", "1950-04-01", "birthYear", 1950, "relationship", "SELF"));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.body().get("rule").asText()).isEqualTo("BIRTH_DATE_OR_YEAR");
        assertThat(both.body().toString()).contains("household.members[0].birthYear");
        assertThat(api.totalEvents()).as("nothing recorded").isEqualTo(before);

        assertThat(open(Map.of("birthYear", 1900, "relationship", "SELF")).status()).as("1900 is in range").isEqualTo(201);
    }

    private Response open(Map<String, Object> member) {
        return api.post(CSW, "/api/v1/cases", Map.of(
                "occurredAt", "2026-05-10T01:00:00Z", "channel", "PHONE", "summary", "近所の人から電話。",
                "household", Map.of("members", List.of(member))));
    }
}
