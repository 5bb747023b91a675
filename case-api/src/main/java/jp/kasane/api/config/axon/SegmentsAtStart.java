package jp.kasane.api.config.axon;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Once the application is ready, gives each processor as many segments as this node has threads for it: a database
 * whose tokens were created with fewer gets them without an administrator's split
 * ({@link SegmentSplits#splitToThreads}), and one created with more (a node since given fewer threads) has them
 * merged ({@link SegmentSplits#mergeToThreads}), since a segment no thread holds is not processed. In the background:
 * the application answers meanwhile.
 * {@code kasane.projections.split-segments-at-start=false} leaves segments to the split endpoint.
 */
@Component
class SegmentsAtStart {

    private static final Logger log = LoggerFactory.getLogger(SegmentsAtStart.class);
    private static final Duration PER_PROCESSOR = Duration.ofSeconds(60);

    private final EventProcessingConfiguration processing;
    private final SegmentSplits splits;
    private final boolean enabled;

    SegmentsAtStart(EventProcessingConfiguration processing, SegmentSplits splits,
                    @Value("${kasane.projections.split-segments-at-start:true}") boolean enabled) {
        this.processing = processing;
        this.splits = splits;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        if (enabled) {
            Thread t = new Thread(this::splitAll, "segments-at-start");
            t.setDaemon(true);
            t.start();
        }
    }

    void splitAll() {
        processing.eventProcessors().forEach((name, p) -> {
            if (p instanceof StreamingEventProcessor s && s.isRunning()) {
                try {
                    int before = splits.segments(name);
                    if (before < s.maxCapacity()) {
                        log.info("Projection {} has {} segment(s) for {} thread(s): splitting", name, before,
                                s.maxCapacity());
                        log.info("Projection {} now has {} segment(s)", name, splits.splitToThreads(s, PER_PROCESSOR));
                    } else if (before > s.maxCapacity()) {
                        log.info("Projection {} has {} segment(s) for {} thread(s): merging", name, before,
                                s.maxCapacity());
                        log.info("Projection {} now has {} segment(s)", name, splits.mergeToThreads(s, PER_PROCESSOR));
                    }
                } catch (RuntimeException e) {
                    log.warn("Projection {} keeps its segments: {}", name, e.getClass().getSimpleName());
                }
            }
        });
    }
}
