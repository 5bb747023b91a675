package jp.kasane.api.config.axon;

import jp.kasane.api.support.KasaneIntegrationTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Every projection's processor is built with its handlers' answers remembered ({@link KnownHandlerTypes}). */
@KasaneIntegrationTest
class KnownHandlerTypesIntegrationTest {

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void every_processor_remembers_what_its_handlers_handle() {
        assertThat(processing.eventProcessors())
                .containsKeys("caseload", "handoffs", "statistics", "meetings", "people", "audit-chain");
        processing.eventProcessors().forEach((name, processor) -> assertThat(
                ((AbstractEventProcessor) processor).eventHandlerInvoker())
                .as(name).isInstanceOf(KnownHandlerTypes.class));
    }
}
