package jp.kasane.core.supportcase.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import jp.kasane.core.personaldata.Sealed;
import jp.kasane.core.referral.WithdrawalCause;
import org.axonframework.serialization.Revision;

/** The referral was withdrawn, by the sender or automatically with the consent it rested on. */
@JsonTypeName("kasane.ReferralWithdrawn")
@Revision("1")
public record ReferralWithdrawn(String caseId, String referralId, WithdrawalCause cause, Sealed reason, Instant withdrawnAt) implements CaseEvent {
}
