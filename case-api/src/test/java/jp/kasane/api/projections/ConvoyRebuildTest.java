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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the catching-up streams kept together (kasane.projections.convoy-batches) and batches of three events, so that
 * every read model's stream waits for the slowest at almost every batch, a rebuild of every read model at once still
 * comes back with exactly the rows it had.
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
        for (int i = 0; i < 8; i++) {
            api.open8050(i % 2 == 0 ? "demo-houkatsu-north" : "demo-csw-north");
        }
        ProjectionTables projections = new ProjectionTables(jdbc, processing, stops);
        projections.awaitCaughtUp(Duration.ofSeconds(60));
        Map<String, List<String>> before = projections.contents();
        assertThat(before.get("caseload_case")).hasSizeGreaterThanOrEqualTo(8);

        projections.rebuild(Duration.ofSeconds(120));

        assertThat(projections.contents()).isEqualTo(before);
    }
}
