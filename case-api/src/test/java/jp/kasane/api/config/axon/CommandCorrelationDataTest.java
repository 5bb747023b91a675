package jp.kasane.api.config.axon;

import jp.kasane.core.metadata.EventMetadata;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CommandCorrelationDataTest {

    private final CommandCorrelationData provider = new CommandCorrelationData();

    @Test
    void a_command_passes_the_request_metadata_on_and_nothing_else() {
        MetaData meta = MetaData.from(Map.of(EventMetadata.AGENCY_ID, "houkatsu-north",
                EventMetadata.CORRELATION_ID, "req-1", "unrelated", "x"));
        GenericCommandMessage<String> command = new GenericCommandMessage<>("open").andMetaData(meta);

        Map<String, Object> passedOn = Map.copyOf(provider.correlationDataFor(command));
        assertThat(passedOn)
                .containsEntry(EventMetadata.AGENCY_ID, "houkatsu-north")
                .containsEntry(EventMetadata.CORRELATION_ID, "req-1")
                .doesNotContainKey("unrelated");
    }

    @Test
    void an_event_being_handled_passes_nothing_on_and_its_metadata_is_not_read() {
        GenericEventMessage<String> event = new GenericEventMessage<>("opened",
                Map.of(EventMetadata.AGENCY_ID, "houkatsu-north")) {
            @Override
            public MetaData getMetaData() {
                throw new AssertionError("an event's metadata was read to correlate the processor's result");
            }
        };

        assertThat(provider.correlationDataFor(event)).isEmpty();
    }
}
