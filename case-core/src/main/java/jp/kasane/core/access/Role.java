package jp.kasane.core.access;

/** What a credential may do (API.md "Authentication"). */
public enum Role {
    CASEWORKER,
    /** May convene meetings and record their decisions (重層支援コーディネーター). */
    COORDINATOR,
    /** Read-only replay of history; every read is itself logged (監査). */
    AUDITOR,
    /** De-identified statistics only. */
    ANALYST,
    ADMIN
}
