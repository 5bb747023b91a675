package jp.kasane.api.config.health;

import jp.kasane.api.application.DeadLetters;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code eventProcessors} health: UP when every Axon event processor is running and not in error, DOWN otherwise,
 * with per-processor details (hidden from anonymous callers by {@code show-details: never}). Part of the readiness
 * group, so a node does not take traffic before its projections are being fed.
 *
 * <p>For streaming (pooled or tracking) processors also:
 * <ul>
 *     <li>a segment this node works on that is in error makes it DOWN;</li>
 *     <li>a running processor that has claimed no segment at all is DOWN when its token store still has an unclaimed
 *     segment (it has not picked its work up yet, or cannot). When every segment is claimed by other nodes, a node
 *     with none is UP: with several Kasane nodes sharing one database that is normal, not a failure. This token-store
 *     look-up (one small query) is only made for a processor that holds no segment.</li>
 * </ul>
 * Each processor also shows its {@code deadLetters}: events parked in its dead-letter queue. They are details for an
 * ADMIN, not a reason to be unready: the processor goes on with every other case.
 */
@Component
public class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final ObjectProvider<EventProcessingConfiguration> eventProcessing;
    private final DeadLetters deadLetters;

    public EventProcessorsHealthIndicator(ObjectProvider<EventProcessingConfiguration> eventProcessing,
                                          DeadLetters deadLetters) {
        super("Event processors health check failed");
        this.eventProcessing = eventProcessing;
        this.deadLetters = deadLetters;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        EventProcessingConfiguration configuration = eventProcessing.getIfAvailable();
        if (configuration == null) {
            builder.down().withDetail("reason", "Axon event processing is not configured");
            return;
        }
        boolean allReady = true;
        Map<String, Object> details = new TreeMap<>();
        Map<String, Long> parked = parkedEvents();
        // One token store lookup that times out answers for all: the database is not answering, and waiting 300 ms
        // per processor would keep the probe waiting for seconds (docs/database.md: health answers within a second).
        boolean[] storeSilent = {false};
        for (Map.Entry<String, EventProcessor> entry : configuration.eventProcessors().entrySet()) {
            Map<String, Object> status = status(configuration, entry.getKey(), entry.getValue(), storeSilent);
            // Dead letters are shown, never counted against readiness: the processor goes on with other cases.
            status.put("deadLetters", parked.getOrDefault(entry.getKey(), 0L));
            allReady &= Boolean.TRUE.equals(status.get("ready"));
            details.put(entry.getKey(), status);
        }
        builder.status(allReady ? Status.UP : Status.DOWN);
        builder.withDetails(details);
    }

    private Map<String, Object> status(EventProcessingConfiguration configuration, String name,
                                       EventProcessor processor, boolean[] storeSilent) {
        Map<String, Object> status = new LinkedHashMap<>();
        boolean running = processor.isRunning();
        boolean error = processor.isError();
        status.put("running", running);
        status.put("error", error);
        String problem = null;
        if (!running) {
            problem = "not running";
        } else if (error) {
            problem = "in error";
        }
        if (processor instanceof StreamingEventProcessor streaming) {
            Map<Integer, EventTrackerStatus> segments = streaming.processingStatus();
            List<Integer> failing = segments.entrySet().stream()
                    .filter(e -> e.getValue().isErrorState())
                    .map(Map.Entry::getKey)
                    .sorted()
                    .toList();
            status.put("claimedSegments", segments.keySet().stream().sorted().toList());
            if (!failing.isEmpty()) {
                status.put("segmentsInError", failing);
                if (problem == null) {
                    problem = "segments " + failing + " in error";
                }
            }
            if (problem == null && segments.isEmpty()) {
                problem = unclaimedSegments(configuration, name, storeSilent);
            }
        }
        if (problem != null) {
            status.put("problem", problem);
        }
        status.put("ready", problem == null);
        return status;
    }

    private Map<String, Long> parkedEvents() {
        // The database's own health says why it is gone; readiness does not wait for this count.
        try {
            return Bounded.within(Duration.ofMillis(300), deadLetters::countsByProjection).orElse(Map.of());
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    /** Null when no segment is waiting to be claimed, else why this processor is not ready. */
    private String unclaimedSegments(EventProcessingConfiguration configuration, String name, boolean[] storeSilent) {
        if (storeSilent[0]) {
            return "cannot read its token store in time";
        }
        try {
            TokenStore tokenStore = configuration.tokenStore(name);
            Optional<List<Segment>> available = Bounded.within(Duration.ofMillis(300),
                    () -> tokenStore.fetchAvailableSegments(name));
            if (available.isEmpty()) {
                storeSilent[0] = true;
                return "cannot read its token store in time";
            }
            return available.get().isEmpty() ? null
                    : "has not claimed any of its " + available.get().size() + " unclaimed segment(s) yet";
        } catch (UnsupportedOperationException e) {
            return null; // the token store cannot tell; do not guess
        } catch (RuntimeException e) {
            return "cannot read its token store: " + e.getClass().getSimpleName();
        }
    }
}
