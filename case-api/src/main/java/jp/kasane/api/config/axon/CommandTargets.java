package jp.kasane.api.config.axon;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.ReflectionUtils;
import org.axonframework.common.annotation.AnnotationUtils;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Which aggregate a command is for, found as Axon's {@link AnnotationCommandTargetResolver} finds it (the member
 * annotated {@link TargetAggregateIdentifier}, and {@link TargetAggregateVersion} if any; methods before fields), but
 * with each command class's members looked up once: Axon's resolver walks every method and field of the class, twice,
 * on every command, about 3 % of a write's CPU (docs/benchmarks.md).
 */
final class CommandTargets implements CommandTargetResolver {

    private final ClassValue<Target> targets = new ClassValue<>() {
        @Override
        protected Target computeValue(Class<?> type) {
            return new Target(type, Member.annotated(type, TargetAggregateIdentifier.class),
                    Member.annotated(type, TargetAggregateVersion.class));
        }
    };

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        return targets.get(command.getPayloadType()).of(command.getPayload());
    }

    /** A command class's identifier and version members (either may be absent). */
    private record Target(Class<?> type, Member identifier, Member version) {

        VersionedAggregateIdentifier of(Object payload) {
            Object id;
            Object version;
            try {
                id = identifier == null ? null : identifier.read(payload);
                version = this.version == null ? null : this.version.read(payload);
            } catch (InvocationTargetException e) {
                throw new IllegalArgumentException(
                        "An exception occurred while extracting aggregate information from a command", e);
            } catch (IllegalAccessException e) {
                throw new IllegalArgumentException(
                        "The current security context does not allow extraction of aggregate information from the "
                                + "given command.", e);
            }
            if (id == null) {
                throw new IllegalArgumentException(String.format("Invalid command. It does not identify the target "
                        + "aggregate. Make sure at least one of the fields or methods in the [%s] class contains the "
                        + "@TargetAggregateIdentifier annotation and that it returns a non-null value.",
                        type.getSimpleName()));
            }
            return new VersionedAggregateIdentifier(id, asLong(version)); // the value itself, as Axon keeps it
        }

        private static Long asLong(Object value) {
            if (value == null) {
                return null;
            }
            try {
                return value instanceof Number number ? number.longValue() : Long.parseLong(value.toString());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("The value provided for the version is not a number.", e);
            }
        }
    }

    /** An annotated method without parameters, or an annotated field. */
    private record Member(Method method, Field field) {

        static Member annotated(Class<?> type, Class<? extends Annotation> annotation) {
            for (Method m : ReflectionUtils.methodsOf(type)) {
                if (AnnotationUtils.isAnnotationPresent(m, annotation)) {
                    return new Member(ReflectionUtils.ensureAccessible(m), null);
                }
            }
            for (Field f : ReflectionUtils.fieldsOf(type)) {
                if (AnnotationUtils.isAnnotationPresent(f, annotation)) {
                    return new Member(null, f);
                }
            }
            return null;
        }

        Object read(Object payload) throws InvocationTargetException, IllegalAccessException {
            return method != null ? method.invoke(payload) : ReflectionUtils.getFieldValue(field, payload);
        }
    }
}
