package jp.kasane.core.supportcase.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The receiving agency accepted the referral and now holds the case. */
@JsonTypeName("kasane.ReferralAccepted")
@Revision("1")
public record ReferralAccepted(String caseId, String referralId, String agencyId, Instant answeredAt) implements CaseEvent {
}
