package jp.kasane.api.support;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A processor's tokens as a database from before it ran two segments has them: its two segments merged into one,
 * stored and claimed again, one of its threads idle.
 */
public final class OneSegment {

    private OneSegment() {
    }

    public static StreamingEventProcessor merge(EventProcessingConfiguration processing, String name) throws Exception {
        StreamingEventProcessor p = processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(() -> p.processingStatus().size() == 2);
        assertThat(p.mergeSegment(0).get(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> processing.tokenStore(name).fetchSegments(name).length == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> p.processingStatus().size() == 1); // claimed again
        return p;
    }
}
