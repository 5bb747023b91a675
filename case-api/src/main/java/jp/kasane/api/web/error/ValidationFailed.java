package jp.kasane.api.web.error;

import java.util.List;

/** A request that failed checks beyond Bean Validation (unknown issue codes, per-decision fields). */
public class ValidationFailed extends RuntimeException {

    private final List<FieldProblem> errors;

    public ValidationFailed(List<FieldProblem> errors) {
        super("The request has invalid fields", null, false, false);
        this.errors = List.copyOf(errors);
    }

    public ValidationFailed(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    /** Throws when there is anything to report. */
    public static void throwIfAny(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new ValidationFailed(problems);
        }
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
