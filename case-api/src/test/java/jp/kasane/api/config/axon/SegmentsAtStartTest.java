package jp.kasane.api.config.axon;

import jp.kasane.api.support.Api;
import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.api.support.OneSegment;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * At start, a processor whose tokens have fewer segments than its threads is split up to them (docs/projections.md,
 * "Ordered per case"), and one that has as many is left alone: a database from before the caseload ran two segments
 * gets its second without an administrator.
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
}
