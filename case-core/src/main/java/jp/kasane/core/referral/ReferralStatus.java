package jp.kasane.core.referral;

/** REQUESTED → ACCEPTED | DECLINED | WITHDRAWN; ACCEPTED → COMPLETED (つなぎ). */
public enum ReferralStatus {
    REQUESTED, ACCEPTED, DECLINED, WITHDRAWN, COMPLETED;

    public boolean isOpen() {
        return this == REQUESTED || this == ACCEPTED;
    }
}
