package jp.kasane.api.config.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.axonframework.monitoring.MessageMonitor.MonitorCallback;

import java.util.concurrent.TimeUnit;

/** One timer per outcome of handling a message (success, failure, ignored), registered together, once. */
record Outcome(Timer success, Timer failure, Timer ignored) {

    static Outcome register(String name, String description, Tags tags, MeterRegistry registry) {
        return new Outcome(timer(name, description, tags.and("outcome", "success"), registry),
                timer(name, description, tags.and("outcome", "failure"), registry),
                timer(name, description, tags.and("outcome", "ignored"), registry));
    }

    private static Timer timer(String name, String description, Tags tags, MeterRegistry registry) {
        return Timer.builder(name).description(description).tags(tags).register(registry);
    }

    /** Times one message from now to the report of its outcome. */
    MonitorCallback start() {
        long started = System.nanoTime();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                success.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            }

            @Override
            public void reportFailure(Throwable cause) {
                failure.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            }

            @Override
            public void reportIgnored() {
                ignored.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            }
        };
    }
}
