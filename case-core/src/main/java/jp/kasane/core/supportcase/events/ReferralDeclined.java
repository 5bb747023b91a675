package jp.kasane.core.supportcase.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import jp.kasane.core.personaldata.Sealed;
import org.axonframework.serialization.Revision;

/** The receiving agency declined the referral, with a reason. */
@JsonTypeName("kasane.ReferralDeclined")
@Revision("1")
public record ReferralDeclined(String caseId, String referralId, String agencyId, Sealed reason, Instant answeredAt) implements CaseEvent {
}
