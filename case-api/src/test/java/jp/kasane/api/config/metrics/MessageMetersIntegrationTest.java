package jp.kasane.api.config.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.KasaneIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator reads at {@code /actuator/metrics} (and Prometheus) about commands, appended events and each
 * projection, once a case is opened; and that no other monitor (axon-micrometer's) runs beside these per event.
 */
@KasaneIntegrationTest
class MessageMetersIntegrationTest {

    static final String ADMIN = "demo-admin";

    @Autowired
    Api api;

    @Test
    void opening_a_case_is_counted_as_a_command_its_events_and_their_handling_by_the_caseload() {
        double commands = count("kasane.commands?tag=command:OpenCase&tag=outcome:success");
        double appended = count("kasane.events.appended?tag=outcome:success");
        double caseload = count("kasane.projection.events?tag=projection:caseload&tag=outcome:success");
        double lag = count("kasane.projection.lag?tag=projection:caseload");

        api.open8050("demo-houkatsu-north");

        assertThat(count("kasane.commands?tag=command:OpenCase&tag=outcome:success")).isEqualTo(commands + 1);
        assertThat(count("kasane.events.appended?tag=outcome:success")).isGreaterThan(appended);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(count("kasane.projection.events?tag=projection:caseload&tag=outcome:success"))
                    .isGreaterThan(caseload);
            assertThat(count("kasane.projection.lag?tag=projection:caseload")).isGreaterThan(lag);
        });
    }

    @Test
    void axon_micrometer_monitors_are_not_registered_beside_ours() {
        List<String> names = new ArrayList<>();
        api.get(ADMIN, "/actuator/metrics").body().get("names").forEach(n -> names.add(n.asText()));

        assertThat(names).contains("kasane.commands", "kasane.projection.events", "kasane.projection.lag");
        assertThat(names).noneMatch(n -> n.startsWith("caseload.") || n.startsWith("commandBus.")
                || n.startsWith("eventStore."));
    }

    /** The COUNT statistic of a timer with the given tags; 0 before its first use. */
    private double count(String meterAndTags) {
        Api.Response r = api.get(ADMIN, "/actuator/metrics/" + meterAndTags);
        if (r.status() == 404) {
            return 0;
        }
        assertThat(r.status()).as(meterAndTags).isEqualTo(200);
        for (JsonNode m : r.body().get("measurements")) {
            if (m.get("statistic").asText().equals("COUNT")) {
                return m.get("value").asDouble();
            }
        }
        throw new AssertionError("no COUNT in " + r.body());
    }
}
