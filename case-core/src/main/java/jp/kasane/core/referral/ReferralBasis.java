package jp.kasane.core.referral;

/** What a referral rests on: a consent covering the receiving agency, or a 支援会議 decision to refer. */
public enum ReferralBasis {
    CONSENT,
    SUPPORT_MEETING_ART_106_6
}
