package jp.kasane.api.config.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.monitoring.MessageMonitor;

import java.time.Duration;
import java.time.Instant;

/**
 * One event processor's meters: {@code kasane.projection.events{projection, outcome}} times each event's handling
 * (its count is the events handled), {@code kasane.projection.lag{projection}} how long after it was stored an event
 * was handled: how far behind the read model is. A replay's events are old by design, so they are not counted as lag.
 */
final class ProjectionMeters implements MessageMonitor<EventMessage<?>> {

    private final Outcome outcome;
    private final Timer lag;

    ProjectionMeters(String projection, MeterRegistry registry) {
        Tags tags = Tags.of("projection", projection);
        this.outcome = Outcome.register("kasane.projection.events", "Events handled by the projection", tags, registry);
        this.lag = Timer.builder("kasane.projection.lag")
                .description("From an event's storing to its handling by the projection (replays not counted)")
                .tags(tags).register(registry);
    }

    @Override
    public MonitorCallback onMessageIngested(EventMessage<?> event) {
        MonitorCallback handling = outcome.start();
        if (event instanceof TrackedEventMessage<?> tracked && ReplayToken.isReplay(tracked.trackingToken())) {
            return handling;
        }
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                handling.reportSuccess();
                lag.record(Duration.between(event.getTimestamp(), Instant.now()));
            }

            @Override
            public void reportFailure(Throwable cause) {
                handling.reportFailure(cause);
            }

            @Override
            public void reportIgnored() {
                handling.reportIgnored();
            }
        };
    }
}
