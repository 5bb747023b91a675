package jp.kasane.api.config.health;

import jp.kasane.api.application.DeadLetters;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.support.StaticApplicationContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class EventProcessorsHealthIndicatorTest {

    private final EventProcessingConfiguration configuration = mock(EventProcessingConfiguration.class);
    private final TokenStore tokenStore = mock(TokenStore.class);
    private final Map<String, EventProcessor> processors = new LinkedHashMap<>();

    EventProcessorsHealthIndicatorTest() {
        when(configuration.eventProcessors()).thenReturn(processors);
        when(configuration.tokenStore(org.mockito.ArgumentMatchers.anyString())).thenReturn(tokenStore);
    }

    @Test
    void upWhenEveryProcessorRunsAndHoldsItsSegments() {
        processors.put("caseload", pooled(true, false, Map.of(0, segment(false))));
        processors.put("handoffs", pooled(true, false, Map.of(0, segment(false))));

        Health health = health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(detail(health, "caseload")).containsEntry("running", true).containsEntry("ready", true)
                .containsEntry("claimedSegments", List.of(0));
        verify(tokenStore, never()).fetchAvailableSegments(org.mockito.ArgumentMatchers.anyString());
    }

    @Test
    void downNamingTheProcessorThatIsNotRunning() {
        processors.put("caseload", pooled(true, false, Map.of(0, segment(false))));
        processors.put("handoffs", pooled(false, false, Map.of()));

        Health health = health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(detail(health, "handoffs")).containsEntry("running", false).containsEntry("ready", false)
                .containsEntry("problem", "not running");
        assertThat(detail(health, "caseload")).containsEntry("ready", true);
    }

    @Test
    void downWhenAProcessorIsInError() {
        processors.put("caseload", pooled(true, true, Map.of()));

        assertThat(health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(detail(health(), "caseload")).containsEntry("problem", "in error");
    }

    @Test
    void downWhenASegmentIsInError() {
        processors.put("caseload", pooled(true, false, Map.of(0, segment(true))));

        Health health = health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(detail(health, "caseload")).containsEntry("segmentsInError", List.of(0));
    }

    @Test
    void downWhileARunningProcessorHasNotClaimedASegmentThatIsFree() {
        processors.put("caseload", pooled(true, false, Map.of()));
        when(tokenStore.fetchAvailableSegments("caseload")).thenReturn(List.of(Segment.ROOT_SEGMENT));

        Health health = health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat((String) detail(health, "caseload").get("problem")).contains("has not claimed");
    }

    @Test
    void upWithoutSegmentsWhenOtherNodesHoldThemAll() {
        processors.put("caseload", pooled(true, false, Map.of()));
        when(tokenStore.fetchAvailableSegments("caseload")).thenReturn(List.of());

        assertThat(health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void downWhenAxonIsMissing() {
        EventProcessorsHealthIndicator indicator = new EventProcessorsHealthIndicator(
                new StaticApplicationContext().getBeanProvider(EventProcessingConfiguration.class), deadLetters);
        assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
    }

    private Health health() {
        @SuppressWarnings("unchecked")
        ObjectProvider<EventProcessingConfiguration> provider = mock(ObjectProvider.class);
        when(provider.getIfAvailable()).thenReturn(configuration);
        return new EventProcessorsHealthIndicator(provider, deadLetters).health();
    }

    private final DeadLetters deadLetters = mock(DeadLetters.class);

    @Test
    void deadLettersAreShownButDoNotMakeAProcessorUnready() {
        processors.put("handoffs", pooled(true, false, Map.of(0, segment(false))));
        when(deadLetters.countsByProjection()).thenReturn(Map.of("handoffs", 2L));

        Health health = health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(detail(health, "handoffs")).containsEntry("deadLetters", 2L).containsEntry("ready", true);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(Health health, String processor) {
        return (Map<String, Object>) health.getDetails().get(processor);
    }

    private static PooledStreamingEventProcessor pooled(boolean running, boolean error,
                                                        Map<Integer, EventTrackerStatus> claimed) {
        PooledStreamingEventProcessor processor = mock(PooledStreamingEventProcessor.class);
        when(processor.isRunning()).thenReturn(running);
        when(processor.isError()).thenReturn(error);
        when(processor.processingStatus()).thenReturn(claimed);
        return processor;
    }

    private static EventTrackerStatus segment(boolean inError) {
        EventTrackerStatus status = mock(EventTrackerStatus.class);
        when(status.isErrorState()).thenReturn(inError);
        return status;
    }
}
