package jp.kasane.api.config.axon;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.axonframework.serialization.SerializedObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Events stored under their stable names, and read back as their own types however often each type is read. */
class StableTypeNameSerializerTest {

    @JsonTypeName("test.Opened")
    record Opened(String caseId) {
    }

    @JsonTypeName("test.Noted")
    record Noted(String caseId, List<String> issues) {
    }

    private final StableTypeNameSerializer serializer =
            StableTypeNameSerializer.create(AxonConfiguration.eventObjectMapper(), List.of(Opened.class, Noted.class));

    @Test
    void events_are_stored_under_their_stable_name() {
        SerializedObject<byte[]> stored = serializer.serialize(new Opened("c-1"), byte[].class);

        assertThat(stored.getType().getName()).isEqualTo("test.Opened");
    }

    @Test
    void each_type_is_read_back_as_itself_when_types_alternate() {
        SerializedObject<byte[]> opened = serializer.serialize(new Opened("c-1"), byte[].class);
        SerializedObject<byte[]> noted = serializer.serialize(new Noted("c-1", List.of("孤立", "𠮷")), byte[].class);

        for (int i = 0; i < 3; i++) {
            assertThat((Object) serializer.deserialize(opened)).isEqualTo(new Opened("c-1"));
            assertThat((Object) serializer.deserialize(noted)).isEqualTo(new Noted("c-1", List.of("孤立", "𠮷")));
        }
    }
}
