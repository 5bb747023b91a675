package jp.kasane.api.config.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jp.kasane.api.application.DeadLetters;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@code kasane.dead.letters{projection=…}}: events parked in each projection's dead-letter queue (Prometheus:
 * {@code kasane_dead_letters}). Alert on any value above zero: a case's list entries are behind until an ADMIN retries.
 */
@Component
public class DeadLetterMetrics implements MeterBinder {

    /** The processing groups of case-projections and case-api (docs/projections.md). */
    static final List<String> PROJECTIONS = List.of("caseload", "handoffs", "statistics", "meetings", "people", "audit-chain");

    private final DeadLetters deadLetters;

    public DeadLetterMetrics(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String projection : PROJECTIONS) {
            Gauge.builder("kasane.dead.letters", () -> count(projection))
                    .description("Events parked in the projection's dead-letter queue")
                    .tag("projection", projection)
                    .register(registry);
        }
    }

    private double count(String projection) {
        try {
            return deadLetters.countsByProjection().getOrDefault(projection, 0L);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
