package jp.kasane.api.web.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.kasane.api.audit.AuditChainProjection;
import jp.kasane.api.config.axon.ProcessorStops;
import jp.kasane.api.config.axon.SegmentSplits;
import jp.kasane.core.rules.RuleViolation;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
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

    /**
     * One processor: whether it runs, replays, has caught up, the event-store position it has reached, how many
     * segments its tokens are cut into and how many threads this node gives it.
     */
    public record Status(String name, boolean running, boolean replaying, boolean caughtUp, Long position,
                         boolean replayable, int segments, int threads) {
    }

    private final EventProcessingConfiguration processing;
    private final ProcessorStops stops;
    private final SegmentSplits splits;

    public ProjectionController(EventProcessingConfiguration processing, ProcessorStops stops, SegmentSplits splits) {
        this.processing = processing;
        this.stops = stops;
        this.splits = splits;
    }

    @GetMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Where each projection stands (ADMIN)", description = """
            `[{name, running, replaying, caughtUp, position, replayable, segments, threads}]`; `position` is the \
            global index of the event store the processor has reached (the lowest of its segments), null before the \
            first event; `segments` how many parts its tokens are cut into, `threads` how many this node gives it.""")
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
            Stops the processor on this node, resets its tokens (its reset handler empties its tables, and its dead \
            letters are cleared: every event is handled again, one that still fails is parked afresh) and starts it \
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
        long cleared = processing.deadLetterQueue(name).map(SequencedDeadLetterQueue::size).orElse(0L);
        p.resetTokens();
        p.start();
        log.info("Projection {} replays from the first event, {} dead letters cleared", name, cleared);
        return ResponseEntity.accepted().body(status(name, p));
    }

    @PostMapping("/{name}/split")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Split one projection's widest segment in two (ADMIN)", description = """
            Another of the processor's threads then works beside the first, on other cases (a case's events stay on \
            one segment, in order). For a database whose tokens were created with fewer segments than the \
            processor's `thread-count` (Axon applies `initial-segment-count` only then). `200` with its status once \
            split; an unknown name is `404`; `409 SPLIT_NOT_POSSIBLE` when this node has no thread for one more \
            segment (every segment needs one) or is not processing the projection.""")
    public Status split(@PathVariable String name) {
        StreamingEventProcessor p = processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(RuleViolation::notFound);
        if (!splits.split(p)) {
            throw RuleViolation.conflict("SPLIT_NOT_POSSIBLE",
                    "This node has no thread for one more segment of this projection, or is not processing it");
        }
        log.info("Projection {} split a segment", name);
        return status(name, p);
    }

    private static boolean replayable(String name, StreamingEventProcessor p) {
        return !AuditChainProjection.PROCESSING_GROUP.equals(name) && p.supportsReset();
    }

    /**
     * The event-store position a segment has reached, empty before its first event. Axon's own
     * {@code getCurrentPosition} throws while a merged segment has a half that has not begun (a null token's
     * position); the status's token is then the lower bound of both halves, null while one has not begun.
     */
    private static OptionalLong reached(EventTrackerStatus segment) {
        if (!segment.isMerging()) {
            return segment.getCurrentPosition();
        }
        TrackingToken lowerBound = segment.getTrackingToken();
        return lowerBound == null ? OptionalLong.empty() : lowerBound.position();
    }

    private Status status(String name, StreamingEventProcessor p) {
        Map<Integer, EventTrackerStatus> segments = p.processingStatus();
        boolean replaying = p.isReplaying();
        boolean caughtUp = !segments.isEmpty() && segments.values().stream().allMatch(EventTrackerStatus::isCaughtUp);
        Long position = null;
        for (EventTrackerStatus s : segments.values()) {
            OptionalLong at = reached(s);
            if (at.isPresent()) {
                position = position == null ? at.getAsLong() : Math.min(position, at.getAsLong());
            }
        }
        return new Status(name, p.isRunning(), replaying, caughtUp && !replaying, position, replayable(name, p),
                splits.segments(name), p.maxCapacity());
    }
}
