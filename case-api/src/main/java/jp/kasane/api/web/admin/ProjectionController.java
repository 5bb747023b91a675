package jp.kasane.api.web.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.kasane.api.audit.AuditChainProjection;
import jp.kasane.api.config.axon.ProcessorStops;
import jp.kasane.core.rules.RuleViolation;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Operations on the read models (docs/projections.md "Replay"): where each stands, and rebuilding one from the first
 * event after a fix. The audit chain is never replayed from here: it is the record of what was stored, not a view.
 */
@RestController
@RequestMapping("/api/v1/admin/projections")
@Tag(name = "Operations", description = "ADMIN: dead letters of the projections, key rotation")
public class ProjectionController {

    private static final Logger log = LoggerFactory.getLogger(ProjectionController.class);

    /** One processor: whether it runs, replays, has caught up, and the event-store position it has reached. */
    public record Status(String name, boolean running, boolean replaying, boolean caughtUp, Long position,
                         boolean replayable) {
    }

    private final EventProcessingConfiguration processing;
    private final ProcessorStops stops;

    public ProjectionController(EventProcessingConfiguration processing, ProcessorStops stops) {
        this.processing = processing;
        this.stops = stops;
    }

    @GetMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Where each projection stands (ADMIN)", description = """
            `[{name, running, replaying, caughtUp, position, replayable}]`; `position` is the global index of the \
            event store the processor has reached (the lowest of its segments), null before the first event.""")
    public List<Status> list() {
        Map<String, Status> out = new TreeMap<>();
        processing.eventProcessors().forEach((name, p) -> {
            if (p instanceof StreamingEventProcessor s) {
                out.put(name, status(name, s));
            }
        });
        return List.copyOf(out.values());
    }

    @PostMapping("/{name}/replay")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Rebuild one projection from the first event (ADMIN)", description = """
            Stops the processor on this node, resets its tokens (its reset handler empties its tables) and starts it \
            again: `202` with its status; the read model fills again while the events are replayed (`GET` shows \
            `replaying` until it has caught up). An unknown name is `404`; the audit chain is `409 \
            REPLAY_NOT_ALLOWED`. With several nodes, stop the processor on the others first.""")
    public ResponseEntity<Status> replay(@PathVariable String name) {
        StreamingEventProcessor p = processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(RuleViolation::notFound);
        if (!replayable(name, p)) {
            throw RuleViolation.conflict("REPLAY_NOT_ALLOWED", "The audit chain is never rebuilt from the events");
        }
        stops.stop(p);
        p.resetTokens();
        p.start();
        log.info("Projection {} replays from the first event", name);
        return ResponseEntity.accepted().body(status(name, p));
    }

    private static boolean replayable(String name, StreamingEventProcessor p) {
        return !AuditChainProjection.PROCESSING_GROUP.equals(name) && p.supportsReset();
    }

    private static Status status(String name, StreamingEventProcessor p) {
        Map<Integer, EventTrackerStatus> segments = p.processingStatus();
        boolean replaying = p.isReplaying();
        boolean caughtUp = !segments.isEmpty() && segments.values().stream().allMatch(EventTrackerStatus::isCaughtUp);
        Long position = null;
        for (EventTrackerStatus s : segments.values()) {
            OptionalLong at = s.getCurrentPosition();
            if (at.isPresent()) {
                position = position == null ? at.getAsLong() : Math.min(position, at.getAsLong());
            }
        }
        return new Status(name, p.isRunning(), replaying, caughtUp && !replaying, position, replayable(name, p));
    }
}
