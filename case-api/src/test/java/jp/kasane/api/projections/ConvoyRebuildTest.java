package jp.kasane.api.projections;

import jp.kasane.api.config.axon.ProcessorStops;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.api.support.ProjectionTables;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the catching-up streams kept together (kasane.projections.convoy-batches) and batches of three events, so that
 * every read model's stream waits for the slowest at almost every batch, a rebuild of every read model at once still
 * comes back with exactly the rows it had, each case written once, nothing parked.
 */
@KasaneIntegrationTest
@TestPropertySource(properties = {
        "kasane.projections.convoy-batches=1",
        "axon.eventhandling.processors.caseload.batch-size=3",
        "axon.eventhandling.processors.statistics.batch-size=3",
        "axon.eventhandling.processors.handoffs.batch-size=3",
        "axon.eventhandling.processors.meetings.batch-size=3",
        "axon.eventhandling.processors.people.batch-size=3",
        "axon.eventhandling.processors.audit-chain.batch-size=3"})
class ConvoyRebuildTest {

    @Autowired
    ProcessorStops stops;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Api api;

    @Test
    void a_rebuild_of_every_read_model_kept_together_comes_back_with_the_same_rows() {
        Map<String, String> openers = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            String opener = i % 2 == 0 ? "demo-houkatsu-north" : "demo-csw-north";
            openers.put(api.open8050(opener).caseId(), opener);
        }
        for (String issue : List.of("DEBT", "HIKIKOMORI")) { // each case's events over several batches
            for (Map.Entry<String, String> c : openers.entrySet()) {
                assertThat(api.post(c.getValue(), "/api/v1/cases/" + c.getKey() + "/consultations", Map.of(
                        "occurredAt", "2026-04-10T01:00:00Z", "channel", "PHONE", "summary", "電話相談",
                        "issues", List.of(issue))).status()).isEqualTo(201);
            }
        }
        ProjectionTables projections = new ProjectionTables(jdbc, processing, stops);
        projections.awaitCaughtUp(Duration.ofSeconds(60));
        Map<String, List<String>> before = projections.contents();
        assertThat(before.get("caseload_case")).hasSizeGreaterThanOrEqualTo(8);

        projections.rebuild(Duration.ofSeconds(120));

        assertThat(projections.contents()).isEqualTo(before);
        // Each case's events span several batches: a replay that wrote a case twice would have its holdings' second
        // insert refused (they are inserted without a read) and the event parked.
        assertThat(jdbc.queryForObject("select count(*) from deadletterentry", Integer.class))
                .as("events parked by the rebuild").isZero();
    }
}
