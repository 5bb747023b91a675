package jp.kasane.core.supportcase.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.Set;
import jp.kasane.core.access.InformationCategory;
import org.axonframework.serialization.Revision;

/** A 支援会議 decided to refer the case to an agency; that decision is a referral's basis. */
@JsonTypeName("kasane.ReferralMandated")
@Revision("1")
public record ReferralMandated(String caseId, String meetingId, String toAgencyId, Set<InformationCategory> categories) implements CaseEvent {
}
