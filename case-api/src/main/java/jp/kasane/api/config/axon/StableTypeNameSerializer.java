package jp.kasane.api.config.axon;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Axon's Jackson serializer, but events are stored under the stable name of their {@code @JsonTypeName}
 * (e.g. {@code kasane.CaseOpened}) instead of their Java class name, so classes can be moved and renamed without
 * touching a decade of stored events. Types without the annotation (tokens, metadata) keep Axon's default naming.
 * Its readers are kept per type: Axon's builds a new one for every payload it reads, a twentieth of a read model's
 * CPU in a rebuild (docs/benchmarks.md); a reader is immutable and safe to share between threads.
 */
public class StableTypeNameSerializer extends JacksonSerializer {

    private final Map<String, Class<?>> classesByName;
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

    public StableTypeNameSerializer(Builder builder, Map<String, Class<?>> classesByName) {
        super(builder);
        this.classesByName = new ConcurrentHashMap<>(classesByName);
    }

    public static StableTypeNameSerializer create(ObjectMapper objectMapper, Iterable<Class<?>> namedTypes) {
        Map<String, Class<?>> byName = new ConcurrentHashMap<>();
        for (Class<?> type : namedTypes) {
            JsonTypeName name = type.getAnnotation(JsonTypeName.class);
            if (name == null) {
                throw new IllegalArgumentException(type + " has no @JsonTypeName");
            }
            Class<?> previous = byName.put(name.value(), type);
            if (previous != null && previous != type) {
                throw new IllegalStateException("Two event types share the name " + name.value());
            }
        }
        return new StableTypeNameSerializer(JacksonSerializer.builder().objectMapper(objectMapper), byName);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        if (type != null) {
            JsonTypeName name = (JsonTypeName) type.getAnnotation(JsonTypeName.class);
            if (name != null && classesByName.get(name.value()) == type) {
                return new SimpleSerializedType(name.value(), getRevisionResolver().revisionOf(type));
            }
        }
        return super.typeForClass(type);
    }

    @Override
    protected ObjectReader getReader(Class<?> type) {
        return readers.computeIfAbsent(type, super::getReader);
    }

    @Override
    public Class classForType(SerializedType type) {
        Class<?> named = classesByName.get(type.getName());
        return named != null ? named : super.classForType(type);
    }
}
