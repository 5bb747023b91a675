package jp.kasane.api.config.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.springframework.stereotype.Component;

/**
 * The meters of Axon's message handling (docs/configuration.md "Metrics"), in place of axon-micrometer's monitors,
 * which build and look up about ten meters per event in every processor (a meter name concatenated, a builder, the
 * registry's map): ~13 % of the processors' CPU in a rebuild (docs/benchmarks.md). These register their meters once,
 * per processor, and per command type on its first use.
 */
@Component
public class MessageMeters implements ConfigurerModule {

    private final MeterRegistry registry;

    public MessageMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.configureMessageMonitor(configuration -> this::monitorFor);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    MessageMonitor<Message<?>> monitorFor(Class<?> componentType, String componentName) {
        MessageMonitor monitor;
        if (EventProcessor.class.isAssignableFrom(componentType)) {
            monitor = new ProjectionMeters(componentName, registry);
        } else if (CommandBus.class.isAssignableFrom(componentType)) {
            monitor = new CommandMeters(registry);
        } else if (EventBus.class.isAssignableFrom(componentType)) {
            monitor = new AppendedEventMeters(registry);
        } else {
            monitor = NoOpMessageMonitor.instance();
        }
        return monitor;
    }
}
