package jp.kasane.api.config.axon;

import jp.kasane.core.metadata.EventMetadata;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;

import java.util.Map;

/**
 * The request's metadata (agency, actor, occurred-at, recorded-at, correlation id), copied from a command to every
 * event it applies. Only a command's: no event handler here dispatches a message, yet Axon asks the providers in
 * every unit of work, and an event processor's builds a result message for each event it handles. Asked about an
 * event, a provider reading its metadata made every processor parse every event's metadata JSON, which few of them
 * read (about a tenth of a rebuild's CPU, docs/benchmarks.md).
 */
final class CommandCorrelationData implements CorrelationDataProvider {

    private final CorrelationDataProvider keys = new SimpleCorrelationDataProvider(EventMetadata.AGENCY_ID,
            EventMetadata.ACTOR, EventMetadata.OCCURRED_AT, EventMetadata.RECORDED_AT, EventMetadata.CORRELATION_ID);

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        return message instanceof CommandMessage<?> ? keys.correlationDataFor(message) : Map.of();
    }
}
