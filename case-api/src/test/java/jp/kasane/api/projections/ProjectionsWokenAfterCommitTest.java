package jp.kasane.api.projections;

import com.fasterxml.jackson.databind.JsonNode;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.KasaneIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * The projections hear of a write when its transaction commits, not at the event store's next poll: with the poll
 * ten minutes apart, each case opened still reaches the opener's caseload within seconds. Were the reader woken
 * before the commit (Axon's unit of work joins the request's transaction and commits first), it would find nothing
 * and sleep until the next poll.
 */
@KasaneIntegrationTest
@TestPropertySource(properties = "kasane.projections.fetch-delay=10m")
class ProjectionsWokenAfterCommitTest {

    private static final String OPENER = "demo-houkatsu-north";

    @Autowired
    Api api;

    @Test
    void each_case_opened_reaches_the_caseload_without_waiting_for_the_next_poll() {
        for (int i = 0; i < 3; i++) {
            String caseId = api.open8050(OPENER).caseId();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> onCaseload(caseId));
        }
    }

    private boolean onCaseload(String caseId) {
        Api.Response caseload = api.get(OPENER, "/api/v1/caseload?size=500");
        for (JsonNode item : caseload.body().path("items")) {
            if (item.path("caseId").asText().equals(caseId)) {
                return true;
            }
        }
        return false;
    }
}
