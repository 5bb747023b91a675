package jp.kasane.api.config.axon;

import jp.kasane.api.support.Api;
import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.api.support.OneSegment;
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
 * At start, a processor whose tokens have fewer segments than its threads is split up to them (docs/projections.md,
 * "Ordered per case"), one that has as many is left alone, and one that has more is merged down to them: a database
 * from before the caseload ran two segments gets its second without an administrator, and no segment is left without
 * a thread.
 */
@KasaneIntegrationTest
class SegmentsAtStartTest {

    @Autowired
    Api api;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    SegmentsAtStart segmentsAtStart;
    @Autowired
    SegmentSplits splits;
    @Autowired
    AfterCommitEventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProcessorStops stops;

    @Test
    void a_caseload_on_one_segment_gets_its_second_and_the_others_keep_theirs() throws Exception {
        StreamingEventProcessor caseload = OneSegment.merge(processing, "caseload");
        assertThat(splits.segments("caseload")).isEqualTo(1);

        segmentsAtStart.splitAll();

        assertThat(splits.segments("caseload")).isEqualTo(2);
        assertThat(splits.segments("handoffs")).isEqualTo(1); // one thread: nothing to split for
        await().atMost(Duration.ofSeconds(30)).until(() -> caseload.processingStatus().size() == 2);
        String opened = api.open8050("demo-houkatsu-north").caseId();
        await().atMost(Duration.ofSeconds(30)).until(() -> api.caseloadIds("demo-houkatsu-north").contains(opened));
    }

    /**
     * A database whose tokens have more segments than this node's threads (created when the processor had more): the
     * segment no thread holds would never be processed, so the two are merged at start and every case is handled.
     */
    @Test
    void a_processor_with_more_segments_than_threads_has_them_merged() throws Exception {
        StreamingEventProcessor handoffs = processing.eventProcessor("handoffs", StreamingEventProcessor.class)
                .orElseThrow();
        assertThat(handoffs.maxCapacity()).isEqualTo(1);
        assertThat(eventStore.awaitWakingReaders(handoffs.splitSegment(0), "splitting for the test")).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> splits.segments("handoffs") == 2);
        assertThat(handoffs.processingStatus()).as("one thread holds one of the two").hasSize(1);

        segmentsAtStart.splitAll();

        assertThat(splits.segments("handoffs")).isEqualTo(1);
        for (int i = 0; i < 6; i++) { // cases on either former half
            api.open8050("demo-houkatsu-north");
        }
        new ProjectionTables(jdbc, processing, stops).awaitCaughtUp(Duration.ofSeconds(30));
        assertThat(handoffs.processingStatus()).hasSize(1);
    }
}
