package jp.kasane.core.referral;

/** Why a referral was withdrawn. */
public enum WithdrawalCause {
    /** The sending agency withdrew it. */
    BY_SENDER,
    /** The consent it rested on was withdrawn: the referral falls with it, automatically. */
    CONSENT_WITHDRAWN,
    /** The consent it rested on was narrowed so that it no longer covers the referral: it falls, automatically. */
    CONSENT_NARROWED
}
