package jp.kasane.core.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * A domain rule said no. Carries a stable machine-readable {@link #code()} that partner agencies code against
 * (API.md), the kind of refusal so the web layer can choose the status without knowing each rule, and, for bad
 * input, every field of the request it concerns ({@link #fields()}), named as the request names it
 * ({@code aboutPersonIds[1]}, {@code decisions[0].roles[2].agencyId}).
 * Messages never contain personal data: they name phases, codes, fields and agency ids only.
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

    /** One bad field of a request, and what is wrong with it (never its value). */
    public record FieldError(String field, String message) {
    }

    private final String code;
    private final Kind kind;
    private final List<FieldError> fields;

    public RuleViolation(Kind kind, String code, String message) {
        this(kind, code, message, List.of());
    }

    public RuleViolation(Kind kind, String code, String message, List<FieldError> fields) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
        this.fields = List.copyOf(fields);
    }

    public String code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }

    /** The request fields this refusal concerns; empty for refusals that are not about one field. */
    public List<FieldError> fields() {
        return fields;
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

    /** Bad input in one field. */
    public static RuleViolation invalid(String code, String field, String message) {
        return new RuleViolation(Kind.INVALID, code, message, List.of(new FieldError(field, message)));
    }

    /** Collects the bad fields of one request so that all of them are reported at once. */
    public static final class Fields {
        private final List<FieldError> errors = new ArrayList<>();
        private String firstCode;

        public Fields add(String code, String field, String message) {
            if (firstCode == null) {
                firstCode = code;
            }
            errors.add(new FieldError(field, message));
            return this;
        }

        public boolean isEmpty() {
            return errors.isEmpty();
        }

        /** Throws one INVALID refusal naming every field collected (its code: the first rule that failed). */
        public void throwIfAny() {
            if (!errors.isEmpty()) {
                String message = errors.size() == 1 ? errors.get(0).message()
                        : "The request has " + errors.size() + " invalid fields";
                throw new RuleViolation(Kind.INVALID, firstCode, message, errors);
            }
        }
    }
}
