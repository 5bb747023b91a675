package jp.kasane.core.access;

/** Purposes a consent may name, and a reader states (利用目的). */
public enum Purpose {
    /** 支援調整: coordinating support between agencies. The default purpose of a read. */
    SUPPORT_COORDINATION,
    /** 重層的支援会議での検討. */
    MULTILAYER_MEETING,
    /** 参加支援: matching with a participation partner. */
    PARTICIPATION_SUPPORT,
    /** 監査: an auditor's read. Never a consent's purpose: auditors read on the AUDIT basis. */
    AUDIT
}
