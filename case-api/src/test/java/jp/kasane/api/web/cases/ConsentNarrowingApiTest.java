package jp.kasane.api.web.cases;

import com.fasterxml.jackson.databind.JsonNode;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.OpenedCase;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 同意範囲の縮小: a person may take back part of a consent (fewer agencies, categories, persons or purposes, or an
 * earlier end) without withdrawing all of it. What rested on the part taken back ends at once.
 */
@KasaneIntegrationTest
class ConsentNarrowingApiTest {

    static final String NORTH = "demo-houkatsu-north";
    static final String JIRITSU = "demo-jiritsu";

    @Autowired
    Api api;

    @Test
    void a_narrowed_consent_discloses_less_and_what_rested_on_the_rest_ends() {
        OpenedCase c = api.open8050(NORTH);
        String consentId = api.consent(NORTH, c.caseId(), c.self(), List.of("jiritsu", "kikan"),
                List.of("BASIC", "NOTES", "FINANCE"));
        String toKikan = created(api.post(NORTH, path(c, "/referrals"), Map.of("toAgencyId", "kikan",
                "reason", "障がいの相談", "basis", "CONSENT", "categories", List.of("BASIC", "NOTES")))).text("referralId");
        String toJiritsu = created(api.post(NORTH, path(c, "/referrals"), Map.of("toAgencyId", "jiritsu",
                "reason", "家計相談", "basis", "CONSENT", "categories", List.of("BASIC", "FINANCE")))).text("referralId");
        assertThat(api.post(JIRITSU, path(c, "/referrals/" + toJiritsu + "/acceptance"), null).status()).isEqualTo(200);
        // The receiver of an accepted referral holds the case: it records what it does.
        assertThat(api.post(JIRITSU, path(c, "/consultations"), Map.of("occurredAt", "2026-06-01T01:00:00Z",
                "channel", "PHONE", "summary", "家計の初回面談")).status()).isEqualTo(201);

        // The mother no longer wants 基幹 to know, nor anyone to see her finances.
        Response narrowed = api.post(NORTH, path(c, "/consents/" + consentId + "/narrowing"),
                Map.of("agencyIds", List.of("jiritsu"), "categories", List.of("BASIC", "NOTES")));
        assertThat(narrowed.status()).as("answer: %s", narrowed.body()).isEqualTo(200);

        assertThat(api.eventTypes(c.caseId())).containsSubsequence("kasane.ConsentNarrowed", "kasane.ReferralWithdrawn");
        JsonNode view = api.get(NORTH, path(c, "")).body();
        JsonNode consent = view.get("consents").get(0);
        assertThat(consent.get("agencyIds")).extracting(JsonNode::asText).containsExactly("jiritsu");
        assertThat(consent.get("categories")).extracting(JsonNode::asText).containsExactlyInAnyOrder("BASIC", "NOTES");
        JsonNode kikan = referral(view, toKikan);
        assertThat(kikan.get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(kikan.get("withdrawalCause").asText()).isEqualTo("CONSENT_NARROWED");

        // jiritsu's accepted referral shared FINANCE, which the consent no longer covers: it no longer holds the
        // case, and reads what the narrowed consent still allows.
        JsonNode jiritsu = api.get(JIRITSU, path(c, "")).body();
        assertThat(jiritsu.get("access").get("basis").asText()).isEqualTo("CONSENT");
        assertThat(jiritsu.get("access").get("categories")).extracting(JsonNode::asText).containsExactlyInAnyOrder("BASIC", "NOTES");
        assertThat(api.get("demo-kikan", path(c, "")).status()).isEqualTo(404);
        Response write = api.post(JIRITSU, path(c, "/consultations"), Map.of("occurredAt", "2026-06-01T01:00:00Z",
                "channel", "PHONE", "summary", "家計の件"));
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.code()).isEqualTo("NOT_A_HOLDER");
    }

    @Test
    void a_narrowing_may_not_widen_nor_empty_the_consent_and_only_a_holder_narrows() {
        OpenedCase c = api.open8050(NORTH);
        String consentId = api.consent(NORTH, c.caseId(), c.self(), List.of("jiritsu"), List.of("BASIC", "NOTES"));
        String narrowing = path(c, "/consents/" + consentId + "/narrowing");
        int events = api.eventCount(c.caseId());

        Response wider = api.post(NORTH, narrowing, Map.of("categories", List.of("BASIC", "HEALTH"),
                "agencyIds", List.of("jiritsu", "kikan")));
        assertThat(wider.status()).isEqualTo(400);
        assertThat(wider.body().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("categories", "agencyIds");
        assertThat(wider.body().get("rule").asText()).isEqualTo("NOT_A_NARROWING");

        Response empty = api.post(NORTH, narrowing, Map.of("categories", List.of()));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body().get("errors").findValuesAsText("field")).containsExactly("categories");

        Response same = api.post(NORTH, narrowing, Map.of("categories", List.of("BASIC", "NOTES")));
        assertThat(same.status()).isEqualTo(400);
        assertThat(same.body().get("rule").asText()).isEqualTo("NOT_A_NARROWING");

        Response reader = api.post(JIRITSU, narrowing, Map.of("categories", List.of("BASIC")));
        assertThat(reader.status()).isEqualTo(403);
        assertThat(reader.code()).isEqualTo("NOT_A_HOLDER");
        assertThat(api.post("demo-kikan", narrowing, Map.of("categories", List.of("BASIC"))).status()).isEqualTo(404);

        assertThat(api.eventCount(c.caseId())).as("nothing recorded").isEqualTo(events);
    }

    private static String path(OpenedCase c, String rest) {
        return "/api/v1/cases/" + c.caseId() + rest;
    }

    private static Response created(Response r) {
        assertThat(r.status()).as("answer: %s", r.body()).isEqualTo(201);
        return r;
    }

    private static JsonNode referral(JsonNode view, String referralId) {
        for (JsonNode r : view.get("referrals")) {
            if (r.get("referralId").asText().equals(referralId)) {
                return r;
            }
        }
        throw new AssertionError("no referral " + referralId);
    }
}
