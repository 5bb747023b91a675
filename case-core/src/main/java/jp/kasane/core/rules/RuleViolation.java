package jp.kasane.core.rules;

/**
 * A domain rule said no. Carries a stable machine-readable {@link #code()} that partner agencies code against
 * (API.md), and the kind of refusal so the web layer can choose the status without knowing each rule.
 * Messages never contain personal data: they name phases, codes and agency ids only.
 */
public class RuleViolation extends RuntimeException {

    /** What sort of refusal this is; the API maps each to one HTTP status. */
    public enum Kind {
        /** The request itself is malformed or names something unknown (400). */
        INVALID,
        /** The caller may not do this (403). */
        FORBIDDEN,
        /** Nothing there, or nothing the caller may see: the two look the same (404). */
        NOT_FOUND,
        /** The state of the case does not allow it (409). */
        CONFLICT,
        /** The caller's If-Match is stale (412). */
        STALE,
        /** The request is well-formed but cannot be processed as sent (422). */
        UNPROCESSABLE
    }

    private final String code;
    private final Kind kind;

    public RuleViolation(Kind kind, String code, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
    }

    public String code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }

    public static RuleViolation notFound() {
        return new RuleViolation(Kind.NOT_FOUND, "NOT_FOUND", "No such case");
    }

    public static RuleViolation conflict(String code, String message) {
        return new RuleViolation(Kind.CONFLICT, code, message);
    }

    public static RuleViolation forbidden(String code, String message) {
        return new RuleViolation(Kind.FORBIDDEN, code, message);
    }

    public static RuleViolation invalid(String code, String message) {
        return new RuleViolation(Kind.INVALID, code, message);
    }
}
