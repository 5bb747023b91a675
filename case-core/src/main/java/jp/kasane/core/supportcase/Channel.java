package jp.kasane.core.supportcase;

/** How a consultation reached the agency (相談経路). */
public enum Channel {
    /** 窓口. */
    VISIT,
    /** 電話. */
    PHONE,
    /** 訪問. */
    HOME_VISIT,
    /** アウトリーチ. */
    OUTREACH,
    /** ほっこり相談 at a salon (サロン). */
    SALON,
    /** 民生委員・児童委員 referral. */
    COMMISSIONER,
    /** From another agency. */
    REFERRAL,
    OTHER
}
