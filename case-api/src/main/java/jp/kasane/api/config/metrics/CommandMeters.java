package jp.kasane.api.config.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.monitoring.MessageMonitor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code kasane.commands{command, outcome}}: each command's handling, from dispatch to its outcome (the case loaded,
 * decided, its events appended). Tagged with the command's simple name: the set of commands is fixed, so is the
 * number of meters; they are registered on a command type's first use and kept by type.
 */
final class CommandMeters implements MessageMonitor<CommandMessage<?>> {

    private final MeterRegistry registry;
    private final Map<Class<?>, Outcome> byType = new ConcurrentHashMap<>();

    CommandMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public MonitorCallback onMessageIngested(CommandMessage<?> command) {
        return byType.computeIfAbsent(command.getPayloadType(), type -> Outcome.register("kasane.commands",
                "Commands handled", Tags.of("command", type.getSimpleName()), registry)).start();
    }
}
