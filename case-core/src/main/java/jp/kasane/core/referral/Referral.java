package jp.kasane.core.referral;

import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.personaldata.Sealed;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A referral (つなぎ) as it stands on a case: what is shared with the receiver is the referral's categories about
 * its persons ({@code aboutPersonIds}, default the case's SELF member).
 */
public record Referral(String referralId, String fromAgencyId, String toAgencyId, Sealed reason,
                       ReferralBasis basis, String consentId, String meetingId,
                       Set<InformationCategory> categories, Instant requestedAt, Instant dueAt,
                       ReferralStatus status, Instant answeredAt, Sealed answerReason, Instant completedAt,
                       WithdrawalCause withdrawalCause, List<String> aboutPersonIds) {

    /** Unanswered past its due time: shows as overdue on the hand-off board. */
    public boolean overdueAt(Instant now) {
        return status == ReferralStatus.REQUESTED && now.isAfter(dueAt);
    }

    public Referral answered(ReferralStatus newStatus, Instant at, Sealed why) {
        return new Referral(referralId, fromAgencyId, toAgencyId, reason, basis, consentId, meetingId, categories,
                requestedAt, dueAt, newStatus, at, why, completedAt, null, aboutPersonIds);
    }

    public Referral withdrawn(WithdrawalCause cause, Instant at, Sealed why) {
        return new Referral(referralId, fromAgencyId, toAgencyId, reason, basis, consentId, meetingId, categories,
                requestedAt, dueAt, ReferralStatus.WITHDRAWN, at, why, completedAt, cause, aboutPersonIds);
    }

    public Referral completed(Instant at) {
        return new Referral(referralId, fromAgencyId, toAgencyId, reason, basis, consentId, meetingId, categories,
                requestedAt, dueAt, ReferralStatus.COMPLETED, answeredAt, answerReason, at, withdrawalCause, aboutPersonIds);
    }
}
