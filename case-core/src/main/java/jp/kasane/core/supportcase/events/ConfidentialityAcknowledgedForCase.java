package jp.kasane.core.supportcase.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An attendee of a meeting on this case acknowledged 守秘義務. */
@JsonTypeName("kasane.ConfidentialityAcknowledgedForCase")
@Revision("1")
public record ConfidentialityAcknowledgedForCase(String caseId, String meetingId, String agencyId, Instant acknowledgedAt) implements CaseEvent {
}
