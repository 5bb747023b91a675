package jp.kasane.core.supportcase.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import jp.kasane.core.personaldata.Sealed;
import org.axonframework.serialization.Revision;

/** A meeting noted a local resource gap (社会資源の不足) the case revealed. */
@JsonTypeName("kasane.ResourceGapNoted")
@Revision("1")
public record ResourceGapNoted(String caseId, String meetingId, Sealed description, List<String> aboutPersonIds) implements CaseEvent {
}
