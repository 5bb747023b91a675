package jp.kasane.projections.handoffs;

import jp.kasane.core.referral.ReferralStatus;

import java.time.Instant;

/**
 * One referral on the hand-off board (つなぎボード).
 *
 * @param answeredAt when it was accepted, declined or withdrawn; null while REQUESTED
 * @param overdue    still REQUESTED and {@code dueAt} has passed, at the time of the query
 */
public record HandoffItem(String referralId, String caseId, String fromAgencyId, String toAgencyId,
                          ReferralStatus status, Instant requestedAt, Instant answeredAt, Instant dueAt,
                          boolean overdue) {
}
