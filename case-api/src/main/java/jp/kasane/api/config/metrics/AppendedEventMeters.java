package jp.kasane.api.config.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.monitoring.MessageMonitor;

/**
 * {@code kasane.events.appended{outcome}}: events appended to the event store, timed from their append to the commit
 * (success) or rollback (failure) of the request's transaction.
 */
final class AppendedEventMeters implements MessageMonitor<EventMessage<?>> {

    private final Outcome outcome;

    AppendedEventMeters(MeterRegistry registry) {
        this.outcome = Outcome.register("kasane.events.appended", "Events appended to the event store", Tags.empty(),
                registry);
    }

    @Override
    public MonitorCallback onMessageIngested(EventMessage<?> event) {
        return outcome.start();
    }
}
