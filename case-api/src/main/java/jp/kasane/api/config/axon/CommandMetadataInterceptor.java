package jp.kasane.api.config.axon;

import jp.kasane.api.web.support.CorrelationIdFilter;
import jp.kasane.core.access.Caller;
import jp.kasane.core.access.CallerCommand;
import jp.kasane.core.metadata.EventMetadata;
import jp.kasane.core.supportcase.commands.OpenCase;
import jp.kasane.core.supportcase.commands.RecordAssessment;
import jp.kasane.core.supportcase.commands.RecordConsultation;
import jp.kasane.core.supportcase.commands.RecordMonitoringNote;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.slf4j.MDC;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Stamps every command with who did it, for which agency, when it happened and when it was recorded, and the
 * request's correlation id; {@link AxonConfiguration#kasaneCorrelationData()} carries these onto the events.
 */
@Component
public class CommandMetadataInterceptor implements MessageDispatchInterceptor<CommandMessage<?>>, InitializingBean {

    private final CommandBus commandBus;
    private final Clock clock;

    public CommandMetadataInterceptor(CommandBus commandBus, Clock clock) {
        this.commandBus = commandBus;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        commandBus.registerDispatchInterceptor(this);
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            Instant recordedAt = clock.instant();
            Map<String, Object> meta = new HashMap<>();
            if (command.getPayload() instanceof CallerCommand c) {
                Caller caller = c.caller();
                meta.put(EventMetadata.AGENCY_ID, caller.agencyId());
                meta.put(EventMetadata.ACTOR, caller.actor());
            }
            meta.put(EventMetadata.RECORDED_AT, recordedAt.toString());
            meta.put(EventMetadata.OCCURRED_AT, occurredAt(command.getPayload(), recordedAt).toString());
            String correlationId = MDC.get(CorrelationIdFilter.MDC_KEY);
            if (correlationId != null) {
                meta.put(EventMetadata.CORRELATION_ID, correlationId);
            }
            return command.andMetaData(MetaData.from(meta));
        };
    }

    /** When the fact happened, where the command says so (a consultation's time), else when it was recorded. */
    private static Instant occurredAt(Object payload, Instant recordedAt) {
        if (payload instanceof OpenCase c) {
            return c.consultation().occurredAt();
        } else if (payload instanceof RecordConsultation c) {
            return c.consultation().occurredAt();
        } else if (payload instanceof RecordAssessment c) {
            return c.occurredAt();
        } else if (payload instanceof RecordMonitoringNote c) {
            return c.occurredAt();
        }
        return recordedAt;
    }
}
