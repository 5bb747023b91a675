package jp.kasane.api.web.error;

/** One field of a request that failed validation: {@code errors[]} of a VALIDATION_FAILED problem. */
public record FieldProblem(String field, String message) {
}
