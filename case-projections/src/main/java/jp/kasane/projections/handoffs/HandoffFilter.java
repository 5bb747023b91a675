package jp.kasane.projections.handoffs;

import jp.kasane.core.referral.ReferralStatus;

/**
 * Filters of the hand-off board; a null field does not filter.
 *
 * @param overdue true: only overdue referrals; false: only those that are not overdue
 */
public record HandoffFilter(ReferralStatus status, String toAgencyId, String fromAgencyId, Boolean overdue) {

    public static HandoffFilter none() {
        return new HandoffFilter(null, null, null, null);
    }
}
