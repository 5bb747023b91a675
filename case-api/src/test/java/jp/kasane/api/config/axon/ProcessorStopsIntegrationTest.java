package jp.kasane.api.config.axon;

import jp.kasane.api.support.Api;
import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.api.support.ProjectionTables;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stopping one processor wakes every reader of the event store: the stopped one leaves, the others go on handling
 * what comes, and the stopped one catches up once started again.
 */
@KasaneIntegrationTest
class ProcessorStopsIntegrationTest {

    @Autowired
    ProcessorStops stops;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Api api;

    @Test
    void the_stopped_processor_leaves_and_the_others_keep_handling_events() {
        ProjectionTables projections = new ProjectionTables(jdbc, processing, stops);
        projections.awaitCaughtUp(Duration.ofSeconds(10));
        StreamingEventProcessor people = processing.eventProcessor("people", StreamingEventProcessor.class)
                .orElseThrow();

        stops.stop(people);
        try {
            assertThat(people.isRunning()).isFalse();
            assertThat(people.processingStatus()).as("no segment claimed").isEmpty();

            String caseId = api.open8050("demo-houkatsu-north").caseId();
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                    "select count(*) from caseload_case where case_id = ?", Integer.class, caseId) == 1);
        } finally {
            people.start();
        }
        projections.awaitCaughtUp(Duration.ofSeconds(10));
    }
}
