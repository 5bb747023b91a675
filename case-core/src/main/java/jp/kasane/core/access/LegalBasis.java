package jp.kasane.core.access;

/** The one legal basis of a disclosure (DOMAIN.md "Who may see a case"). */
public enum LegalBasis {
    /** The agency holds the record: it opened the case, was escalated to, or holds an accepted referral or plan role. */
    OWN_RECORD,
    /** A consent in force covers this agency, purpose and category (本人同意). */
    CONSENT,
    /** The agency attends a 支援会議 on the case and acknowledged 守秘義務; limited to the meeting's window. */
    SUPPORT_MEETING_ART_106_6,
    /** Life, body or property at risk and consent cannot be obtained (APPI Art. 27(1)(ii)); flagged for review. */
    VITAL_INTEREST,
    /** Auditors, read-only; every read is itself logged. */
    AUDIT
}
