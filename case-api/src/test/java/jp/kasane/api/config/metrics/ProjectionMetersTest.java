package jp.kasane.api.config.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Each outcome counted under its own tag; the lag is an event's age when handled, and a replay is not lag. */
class ProjectionMetersTest {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final ProjectionMeters meters = new ProjectionMeters("caseload", registry);

    @Test
    void each_outcome_is_counted_under_its_own_tag() {
        meters.onMessageIngested(event(new GlobalSequenceTrackingToken(1), Instant.now())).reportSuccess();
        meters.onMessageIngested(event(new GlobalSequenceTrackingToken(2), Instant.now())).reportFailure(new IllegalStateException());
        meters.onMessageIngested(event(new GlobalSequenceTrackingToken(3), Instant.now())).reportIgnored();
        meters.onMessageIngested(event(new GlobalSequenceTrackingToken(4), Instant.now())).reportSuccess();

        assertThat(handled("success")).isEqualTo(2);
        assertThat(handled("failure")).isEqualTo(1);
        assertThat(handled("ignored")).isEqualTo(1);
    }

    @Test
    void the_lag_is_the_age_of_the_event_when_handled() {
        meters.onMessageIngested(event(new GlobalSequenceTrackingToken(1), Instant.now().minusSeconds(3))).reportSuccess();

        assertThat(registry.get("kasane.projection.lag").tag("projection", "caseload").timer().max(TimeUnit.SECONDS))
                .isBetween(3.0, 60.0);
    }

    @Test
    void a_replayed_event_is_handled_but_is_not_lag() {
        TrackingToken replay = ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(10), new GlobalSequenceTrackingToken(1));

        meters.onMessageIngested(event(replay, Instant.now().minusSeconds(86_400))).reportSuccess();

        assertThat(handled("success")).isEqualTo(1);
        assertThat(registry.get("kasane.projection.lag").timer().count()).isZero();
    }

    private long handled(String outcome) {
        return registry.get("kasane.projection.events").tag("projection", "caseload").tag("outcome", outcome).timer().count();
    }

    private static GenericTrackedEventMessage<String> event(TrackingToken token, Instant at) {
        return new GenericTrackedEventMessage<>(token, new GenericEventMessage<>("payload", java.util.Map.of()) {
            @Override
            public Instant getTimestamp() {
                return at;
            }
        });
    }
}
