package jp.kasane.api.web.admin;

import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.api.support.OneSegment;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Splitting a projection's segment (docs/projections.md, "Ordered per case"): a database whose caseload tokens were
 * created with one segment (before it ran two) gets its second by an administrator's split, and the caseload goes on
 * showing new cases from both; a split is refused where no thread would take the new segment.
 */
@KasaneIntegrationTest
class ProjectionSplitTest {

    static final String NORTH = "demo-houkatsu-north";
    static final String ADMIN = "demo-admin";

    @Autowired
    Api api;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void a_caseload_kept_on_one_segment_is_split_and_both_halves_are_processed() throws Exception {
        StreamingEventProcessor caseload = OneSegment.merge(processing, "caseload");
        assertThat(api.projectionStatus("caseload").get("segments").asInt()).isEqualTo(1);
        assertThat(api.projectionStatus("caseload").get("threads").asInt()).isEqualTo(2);

        Response split = api.post(ADMIN, "/api/v1/admin/projections/caseload/split", null);
        assertThat(split.status()).as(split.body().toString()).isEqualTo(200);
        assertThat(split.body().get("segments").asInt()).isEqualTo(2);

        await().atMost(Duration.ofSeconds(30)).until(() -> caseload.processingStatus().size() == 2);
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < 6; i++) { // cases fall on either half
            opened.add(api.open8050(NORTH).caseId());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> api.caseloadIds(NORTH).containsAll(opened));

        Response again = api.post(ADMIN, "/api/v1/admin/projections/caseload/split", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("SPLIT_NOT_POSSIBLE");
        assertThat(api.projectionStatus("caseload").get("segments").asInt()).isEqualTo(2);
    }

    @Test
    void a_split_needs_a_free_thread_a_known_projection_and_an_administrator() {
        Response handoffs = api.post(ADMIN, "/api/v1/admin/projections/handoffs/split", null);
        assertThat(handoffs.status()).isEqualTo(409);
        assertThat(handoffs.code()).isEqualTo("SPLIT_NOT_POSSIBLE");
        assertThat(api.projectionStatus("handoffs").get("segments").asInt()).isEqualTo(1);
        assertThat(api.post(ADMIN, "/api/v1/admin/projections/no-such/split", null).status()).isEqualTo(404);
        assertThat(api.post(NORTH, "/api/v1/admin/projections/caseload/split", null).status()).isEqualTo(403);
    }
}
