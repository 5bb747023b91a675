package jp.kasane.api.config.axon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.kasane.api.application.CaseHistory;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.OpenedCase;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.core.supportcase.CaseState;
import jp.kasane.core.supportcase.SupportCase;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.util.ReflectionTestUtils;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A long case gets a snapshot after {@code kasane.snapshots.after-events} (100) loaded events, and a case loaded from
 * its snapshot is exactly the case folded from all its events: the same decisions, the same view.
 */
@KasaneIntegrationTest
class CaseSnapshotsTest {

    static final String NORTH = "demo-houkatsu-north";
    static final ObjectMapper STATE_JSON = AxonConfiguration.eventObjectMapper();

    @Autowired
    Api api;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Configuration axon;
    @Autowired
    CaseHistory history;

    @Test
    void a_long_case_is_snapshotted_and_loads_from_the_snapshot_as_from_its_events() throws Exception {
        OpenedCase c = api.open8050(NORTH);
        String consent = api.consent(NORTH, c.caseId(), c.self(), List.of("jiritsu"), List.of("BASIC", "NOTES"));
        for (int i = 0; i < 110; i++) {
            assertThat(api.post(NORTH, "/api/v1/cases/" + c.caseId() + "/consultations", Map.of(
                    "occurredAt", "2026-04-10T01:00:00Z", "channel", "PHONE", "summary", "電話相談 " + i,
                    "issues", List.of("HIKIKOMORI"))).status()).isEqualTo(201);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> snapshotRevisions(c.caseId()).size() == 1);
        assertThat(snapshotRevisions(c.caseId())).containsExactly(SupportCase.SNAPSHOT_REVISION);
        assertThat(snapshotPayload(c.caseId())).as("personal data stays sealed in a snapshot too")
                .doesNotContain("阪南", "電話相談");
        assertThat(snapshotPayload(c.caseId())).as("the case's shared ids are memory, not state")
                .doesNotContain("\"ids\"", "principalOnly");

        // The aggregate as the next command sees it (snapshot + the events after it) is the full fold.
        assertThat(stateJson(aggregateState(c.caseId()))).isEqualTo(stateJson(history.load(c.caseId()).orElseThrow()));

        // And the case behaves as before: versions, a write on If-Match, a consent-based read, a withdrawal.
        Response view = api.get(NORTH, "/api/v1/cases/" + c.caseId());
        long version = view.body().get("version").asLong();
        assertThat(version).isEqualTo(api.eventCount(c.caseId()));
        assertThat(api.post(NORTH, "/api/v1/cases/" + c.caseId() + "/consultations", Map.of(
                "occurredAt", "2026-04-11T01:00:00Z", "channel", "VISIT", "summary", "訪問", "issues", List.of()),
                Map.of("If-Match", "\"" + version + "\"")).status()).isEqualTo(201);
        assertThat(api.get(NORTH, "/api/v1/cases/" + c.caseId()).body().get("consultations")).hasSize(112);
        assertThat(api.get("demo-jiritsu", "/api/v1/cases/" + c.caseId()).status()).isEqualTo(200);
        assertThat(api.post(NORTH, "/api/v1/cases/" + c.caseId() + "/consents/" + consent + "/withdrawal",
                Map.of("reason", "本人の申出")).status()).isEqualTo(200);
        assertThat(api.get("demo-jiritsu", "/api/v1/cases/" + c.caseId()).status()).isEqualTo(404);

        // It really starts from the snapshot: a snapshot marked otherwise shows through; without one, the events rule.
        String marked = snapshotPayload(c.caseId()).replace("\"openingAgencyId\":\"houkatsu-north\"",
                "\"openingAgencyId\":\"from-the-snapshot\"");
        jdbc.update("update snapshotevententry set payload = ? where aggregateidentifier = ?",
                marked.getBytes(java.nio.charset.StandardCharsets.UTF_8), c.caseId());
        assertThat(aggregateState(c.caseId()).openingAgencyId()).isEqualTo("from-the-snapshot");
        jdbc.update("delete from snapshotevententry where aggregateidentifier = ?", c.caseId());
        assertThat(aggregateState(c.caseId()).openingAgencyId()).isEqualTo("houkatsu-north");
    }

    private List<String> snapshotRevisions(String caseId) {
        return jdbc.queryForList("select payloadrevision from snapshotevententry where aggregateidentifier = ?",
                String.class, caseId);
    }

    private String snapshotPayload(String caseId) {
        byte[] payload = jdbc.queryForObject("select payload from snapshotevententry where aggregateidentifier = ?",
                byte[].class, caseId);
        return new String(payload, java.nio.charset.StandardCharsets.UTF_8);
    }

    private CaseState aggregateState(String caseId) throws Exception {
        return DefaultUnitOfWork.startAndGet(null).executeWithResult(() -> axon.repository(SupportCase.class)
                .load(caseId).invoke(aggregate -> (CaseState) ReflectionTestUtils.getField(aggregate, "state"))).getPayload();
    }

    private static JsonNode stateJson(CaseState state) {
        return STATE_JSON.valueToTree(state);
    }
}
