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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who brought a consultation (相談者, docs/api.md "Household members"): a 民生委員's report opens the case, the
 * family calls later, the person comes in person; each consultation says so, and one not asked says nothing.
 */
@KasaneIntegrationTest
class ConsultedByTest {

    static final String CSW = "demo-csw-north";

    @Autowired
    Api api;

    @Test
    void each_consultation_records_who_brought_it() {
        Response opened = api.post(CSW, "/api/v1/cases", Map.of(
                "occurredAt", "2026-05-10T01:00:00Z", "channel", "COMMISSIONER", "consultedBy", "COMMISSIONER",
                "summary", "民生委員から: 一人暮らしの男性、最近姿を見ない。",
                "household", Map.of("members", List.of(Map.of("relationship", "SELF", "birthYear", 1958)))));
        assertThat(opened.status()).as(opened.body().toString()).isEqualTo(201);
        String consultations = "/api/v1/cases/" + opened.text("caseId") + "/consultations";
        assertThat(api.post(CSW, consultations, Map.of("occurredAt", "2026-05-20T01:00:00Z", "channel", "PHONE",
                "consultedBy", "FAMILY", "summary", "遠方の妹から電話。")).status()).isEqualTo(201);
        assertThat(api.post(CSW, consultations, Map.of("occurredAt", "2026-06-01T01:00:00Z", "channel", "VISIT",
                "summary", "本人が来所。")).status()).isEqualTo(201);

        List<String> who = new ArrayList<>();
        for (JsonNode k : api.get(CSW, "/api/v1/cases/" + opened.text("caseId")).body().get("consultations")) {
            who.add(k.path("consultedBy").isNull() || k.path("consultedBy").isMissingNode() ? "-" : k.get("consultedBy").asText());
        }
        assertThat(who).containsExactly("COMMISSIONER", "FAMILY", "-");
    }

    @Test
    void an_unknown_kind_of_consulter_is_a_400_naming_the_field() {
        Api.OpenedCase c = api.open8050("demo-houkatsu-north");
        int before = api.eventCount(c.caseId());
        Response r = api.post("demo-houkatsu-north", "/api/v1/cases/" + c.caseId() + "/consultations", Map.of(
                "occurredAt", "2026-05-20T01:00:00Z", "channel", "PHONE", "consultedBy", "NEIGHBOR", "summary", "電話"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("errors").get(0).get("field").asText()).isEqualTo("consultedBy");
        assertThat(api.eventCount(c.caseId())).isEqualTo(before);
    }
}
