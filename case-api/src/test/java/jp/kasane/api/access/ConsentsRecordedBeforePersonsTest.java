package jp.kasane.api.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.OpenedCase;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Old events keep their meaning (docs/access-model.md "Consents recorded before consent was per person"): a
 * {@code kasane.ConsentGiven} stored before consents named their data subjects has no {@code aboutPersonIds} and no
 * {@code evidence}. Such a consent covers its giver only, never the whole household.
 *
 * <p>The test stores a consent through the API, then puts its stored payload back into the shape it had before the
 * change (the fields of the old record, nothing else) and reads the case as the agency the consent names. The
 * original payload is restored afterwards, so the hash chain other tests verify stays intact.
 */
@KasaneIntegrationTest
class ConsentsRecordedBeforePersonsTest {

    /** The fields of kasane.ConsentGiven (revision 1) as it was stored before consent was per person. */
    static final List<String> OLD_FIELDS = List.of("caseId", "consentId", "givenByPersonId", "capacity", "agencyIds",
            "agencyTypes", "purposes", "categories", "validUntil", "recordedByAgencyId", "givenAt");

    @Autowired
    Api api;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_consent_stored_without_its_subjects_covers_its_giver_only() throws Exception {
        OpenedCase c = api.open8050("demo-houkatsu-north");
        String mother = c.self();
        api.consent("demo-houkatsu-north", c.caseId(), mother, List.of("jiritsu"), List.of("BASIC", "NOTES"));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM audit_chain WHERE aggregate_identifier = ?", Integer.class, c.caseId()) >= 2);

        Map<String, Object> row = jdbc.queryForMap("SELECT globalindex, payload FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND payloadtype = 'kasane.ConsentGiven'", c.caseId());
        long globalIndex = ((Number) row.get("globalindex")).longValue();
        byte[] stored = (byte[]) row.get("payload");
        ObjectNode old = (ObjectNode) Api.JSON.readTree(stored);
        old.retain(OLD_FIELDS);
        List<String> fields = new ArrayList<>();
        old.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).as("the payload as it was stored before").containsExactlyInAnyOrderElementsOf(OLD_FIELDS);

        try {
            jdbc.update("UPDATE domainevententry SET payload = ? WHERE globalindex = ?",
                    old.toString().getBytes(StandardCharsets.UTF_8), globalIndex);

            Response view = api.get("demo-jiritsu", "/api/v1/cases/" + c.caseId());
            assertThat(view.status()).isEqualTo(200);
            JsonNode v = view.body();
            assertThat(v.get("access").get("basis").asText()).isEqualTo("CONSENT");
            assertThat(v.get("access").get("personIds")).extracting(JsonNode::asText).containsExactly(mother);
            assertThat(v.get("household").get("members")).extracting(m -> m.get("personId").asText()).containsExactly(mother);
            assertThat(v.get("consents").get(0).get("aboutPersonIds")).extracting(JsonNode::asText).containsExactly(mother);
            assertThat(v.toString()).as("the adult son's data").doesNotContain("阪南 一郎").doesNotContain("1974-09-12");
        } finally {
            jdbc.update("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", stored, globalIndex);
        }
        assertThat(api.get("demo-auditor", "/api/v1/audit/verification").body().get("verified").asBoolean()).isTrue();
    }
}
