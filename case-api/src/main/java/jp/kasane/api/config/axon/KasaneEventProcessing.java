package jp.kasane.api.config.axon;

import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.EventProcessingModule;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Axon's event processing as Axon's Spring Boot configuration would build it, but each tracking processor built with
 * an invoker that remembers its handlers' answers ({@link KnownHandlerTypes}), and each processing group's dead-letter
 * queue knowing which cases it has parked ({@link ParkedSequences}), read again whenever the processor of the same name
 * claims a segment, and emptied when the processor's tokens are reset: a replay hands every event to the handlers
 * again, so an old letter would only hold the case's replayed events back behind it (an event that still fails is
 * parked afresh). The application never replays the audit chain (the replay endpoint refuses it), so never empties
 * its letters.
 */
final class KasaneEventProcessing extends EventProcessingModule {

    private static final DeadLetteringInvokerConfiguration CLEARED_AT_RESET =
            (configuration, invoker) -> invoker.allowReset(true);

    private final Supplier<JdbcTemplate> jdbc;
    private final Supplier<DeadLetterSchema> schema;

    KasaneEventProcessing(Supplier<JdbcTemplate> jdbc, Supplier<DeadLetterSchema> schema) {
        this.jdbc = jdbc;
        this.schema = schema;
    }

    @Override
    public EventProcessingConfigurer registerDeadLetterQueue(
            String processingGroup, Function<Configuration, SequencedDeadLetterQueue<EventMessage<?>>> queue) {
        deadLetteringInvokerConfigs.putIfAbsent(processingGroup, CLEARED_AT_RESET);
        return super.registerDeadLetterQueue(processingGroup, configuration ->
                new ParkedSequences(queue.apply(configuration), processingGroup, jdbc, schema.get()));
    }

    @Override
    public EventProcessingConfigurer registerDeadLetteringEventHandlerInvokerConfiguration(
            String processingGroup, DeadLetteringInvokerConfiguration configuration) {
        return super.registerDeadLetteringEventHandlerInvokerConfiguration(processingGroup,
                configuration.andThen(CLEARED_AT_RESET));
    }

    @Override
    protected EventProcessor trackingEventProcessor(String name, EventHandlerInvoker invoker,
                                                    TrackingEventProcessorConfiguration config,
                                                    StreamableMessageSource<TrackedEventMessage<?>> source) {
        // A processor handles the processing group of its name (application.yml assigns no other).
        Runnable onClaim = deadLetterQueue(name).filter(ParkedSequences.class::isInstance)
                .map(queue -> (Runnable) ((ParkedSequences) queue)::learnParked).orElse(() -> { });
        return super.trackingEventProcessor(name, new KnownHandlerTypes(invoker, onClaim), config, source);
    }
}
