package jp.kasane.api.config.axon;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Our command target resolver answers what Axon's own would, for every command of the domain. */
class CommandTargetsTest {

    private final CommandTargets targets = new CommandTargets();
    private final AnnotationCommandTargetResolver axon = AnnotationCommandTargetResolver.builder().build();

    @Test
    void everyCommandOfTheDomainResolvesAsAxonResolvesIt() throws Exception {
        List<Class<?>> commands = domainCommands();
        assertThat(commands).hasSizeGreaterThan(20);
        for (Class<?> command : commands) {
            String id = UUID.randomUUID().toString();
            var message = GenericCommandMessage.asCommandMessage(instanceOf(command, id));
            VersionedAggregateIdentifier ours = targets.resolveTarget(message);
            assertThat(ours).as(command.getSimpleName()).isEqualTo(axon.resolveTarget(message));
            assertThat(ours.getIdentifier()).isEqualTo(id);
            // twice: the second answer comes from the members looked up at the first
            assertThat(targets.resolveTarget(message)).isEqualTo(ours);
        }
    }

    static class FieldTarget {
        @TargetAggregateIdentifier
        private final Object id;
        @TargetAggregateVersion
        private final String version;

        FieldTarget(Object id, String version) {
            this.id = id;
            this.version = version;
        }
    }

    @Test
    void fieldsAndVersionsGiveTheSameAnswersAsAxon() {
        for (FieldTarget command : List.of(new FieldTarget(42, "7"), new FieldTarget("case-1", null))) {
            var message = GenericCommandMessage.asCommandMessage(command);
            assertThat(targets.resolveTarget(message)).isEqualTo(axon.resolveTarget(message));
        }
        VersionedAggregateIdentifier target = targets.resolveTarget(
                GenericCommandMessage.asCommandMessage(new FieldTarget(42, "7")));
        assertThat(target.getIdentifier()).isEqualTo("42");
        assertThat(target.getVersion()).isEqualTo(7L);
    }

    record Untargeted(String caseId) {
    }

    @Test
    void aCommandWithoutTargetIsRefusedAsAxonRefusesIt() {
        for (Object command : List.of(new Untargeted("case-1"), new FieldTarget(null, "1"),
                new FieldTarget("case-1", "seven"))) {
            var message = GenericCommandMessage.asCommandMessage(command);
            assertThatThrownBy(() -> axon.resolveTarget(message)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> targets.resolveTarget(message)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** The records of case-core with a {@link TargetAggregateIdentifier} component. */
    private static List<Class<?>> domainCommands() {
        List<Class<?>> commands = new ArrayList<>();
        for (JavaClass candidate : new ClassFileImporter().importPackages("jp.kasane.core")) {
            Class<?> type = candidate.reflect();
            if (type.isRecord() && targetComponent(type) >= 0) {
                commands.add(type);
            }
        }
        return commands;
    }

    private static int targetComponent(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            // the annotation is not one of record components: Java puts it on the component's accessor and field
            if (components[i].getAccessor().isAnnotationPresent(TargetAggregateIdentifier.class)) {
                return i;
            }
        }
        return -1;
    }

    /** The command with {@code id} as its target, numbers 1, booleans false and every other component null. */
    private static Object instanceOf(Class<?> type, String id) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = sample(types[i]);
        }
        args[targetComponent(type)] = id;
        Constructor<?> constructor = type.getDeclaredConstructor(types);
        constructor.setAccessible(true);
        return constructor.newInstance(args);
    }

    private static Object sample(Class<?> type) {
        if (type == boolean.class || type == Boolean.class) {
            return Boolean.FALSE;
        }
        if (type == int.class || type == Integer.class) {
            return 1;
        }
        if (type == long.class || type == Long.class) {
            return 1L;
        }
        return null;
    }
}
