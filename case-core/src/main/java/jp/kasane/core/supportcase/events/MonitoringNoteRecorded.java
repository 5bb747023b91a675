package jp.kasane.core.supportcase.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import java.time.Instant;
import jp.kasane.core.personaldata.Sealed;
import org.axonframework.serialization.Revision;

/** A monitoring note (モニタリング) was recorded. */
@JsonTypeName("kasane.MonitoringNoteRecorded")
@Revision("1")
public record MonitoringNoteRecorded(String caseId, String noteId, String agencyId, Instant occurredAt, Sealed note, List<String> aboutPersonIds) implements CaseEvent {
}
