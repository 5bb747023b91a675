package jp.kasane.core.supportcase.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.axonframework.serialization.Revision;

/** A meeting decided to accept the case for support (支援決定). */
@JsonTypeName("kasane.AcceptedForSupport")
@Revision("1")
public record AcceptedForSupport(String caseId, String meetingId) implements CaseEvent {
}
