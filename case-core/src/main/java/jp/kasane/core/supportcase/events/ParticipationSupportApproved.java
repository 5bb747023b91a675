package jp.kasane.core.supportcase.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.axonframework.serialization.Revision;

/** A meeting approved 参加支援 with a partner. */
@JsonTypeName("kasane.ParticipationSupportApproved")
@Revision("1")
public record ParticipationSupportApproved(String caseId, String meetingId, String partnerAgencyId) implements CaseEvent {
}
