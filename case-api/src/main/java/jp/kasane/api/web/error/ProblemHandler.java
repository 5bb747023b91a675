package jp.kasane.api.web.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonPointer;
import jp.kasane.api.config.database.DatabaseFailures;
import jp.kasane.api.web.support.CleanText;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import jp.kasane.core.personaldata.PersonalDataErasedException;
import jp.kasane.core.rules.RuleViolation;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Every error as RFC 9457 {@code application/problem+json} with a stable {@code code} (API.md "Conventions").
 * Details name fields, phases, codes and agency ids, never a submitted value: a rejected value may be personal data.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    public static ResponseEntity<Object> problem(HttpStatus status, String code, String detail, List<FieldProblem> errors) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(URI.create("urn:kasane:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        body.setTitle(status.getReasonPhrase());
        body.setProperty("code", code);
        if (errors != null) {
            body.setProperty("errors", errors);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<Object> ruleViolation(RuleViolation e) {
        HttpStatus status = switch (e.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case STALE -> HttpStatus.PRECONDITION_FAILED;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
        if (e.kind() == RuleViolation.Kind.NOT_FOUND) {
            // One answer for "missing" and "not yours": nothing in it may tell the two apart.
            return problem(status, "NOT_FOUND", "No such case", null);
        }
        if (e.kind() == RuleViolation.Kind.INVALID) {
            // Bad input is always VALIDATION_FAILED naming every field the rule found; the specific rule goes in "rule".
            List<FieldProblem> errors = e.fields().stream().map(f -> new FieldProblem(f.field(), f.message())).toList();
            ResponseEntity<Object> r = problem(status, "VALIDATION_FAILED", e.getMessage(), errors);
            ((ProblemDetail) r.getBody()).setProperty("rule", e.code());
            return r;
        }
        return problem(status, e.code(), e.getMessage(), null);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Object> aggregateNotFound(AggregateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "NOT_FOUND", "No such case", null);
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> unauthenticated(AuthenticationException e) {
        return problem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "A valid credential is required", null);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> accessDenied(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, "FORBIDDEN", "Your role may not do this", null);
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<Object> commandFailed(CommandExecutionException e) {
        if (e.getCause() instanceof RuleViolation rv) {
            return ruleViolation(rv);
        }
        if (e.getCause() instanceof AggregateNotFoundException) {
            return aggregateNotFound(null);
        }
        return unexpected(e);
    }

    @ExceptionHandler(PersonalDataErasedException.class)
    ResponseEntity<Object> personalDataErased(PersonalDataErasedException e) {
        // Erasure is final: new free text about the person would be sealed under a key that no longer exists.
        return problem(HttpStatus.CONFLICT, "PERSONAL_DATA_ERASED",
                "The personal data this would be recorded under has been erased; open a new case instead", null);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "Parameter " + e.getName() + " is malformed",
                List.of(new FieldProblem(e.getName(), "is malformed")));
    }

    /**
     * A header Spring read past {@code RequestRules} held a character the firewall refuses: the client's error, not
     * ours. The exception's message quotes the value, which may be personal data, so it is neither logged nor sent.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> requestRejected(RequestRejectedException e) {
        return problem(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST",
                "A header of this request holds a character that is not allowed (a control character)", null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        if (DatabaseFailures.isUnavailable(e)) {
            return databaseUnavailable(e);
        }
        log.error("Unexpected error ({}); see the correlation id in the response", e.getClass().getName(), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "Something went wrong on our side; nothing was recorded", null);
    }

    /** The database is not there now: nothing was recorded, and the same request may be sent again shortly. */
    static ResponseEntity<Object> databaseUnavailable(Throwable e) {
        log.warn("Database unavailable ({}); answered 503", e.getClass().getName());
        ResponseEntity<Object> problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "DATABASE_UNAVAILABLE",
                "The database is not available; nothing was recorded. Retry after the time given in Retry-After", null);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem.getBody());
    }

    static final String RETRY_AFTER_SECONDS = "5";

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        for (FieldError fe : ex.getBindingResult().getFieldErrors()) {
            errors.add(new FieldProblem(fe.getField(), fe.getDefaultMessage()));
        }
        ex.getBindingResult().getGlobalErrors()
                .forEach(ge -> errors.add(new FieldProblem(ge.getObjectName(), ge.getDefaultMessage())));
        return problem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The request has invalid fields", errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldProblem> errors = ex.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> new FieldProblem(
                        r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
                .toList();
        return problem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The request has invalid parameters", errors);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getCause();
        if (cause instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            String field = pathOf(jme);
            String message = cause instanceof CleanText.Refused refused ? refused.getOriginalMessage() : "is malformed";
            if (cause instanceof InvalidFormatException ife && ife.getTargetType() != null && ife.getTargetType().isEnum()) {
                message = "must be one of " + Arrays.stream(ife.getTargetType().getEnumConstants())
                        .map(Object::toString).collect(Collectors.joining(", ", "[", "]"));
            }
            return problem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The request has invalid fields",
                    List.of(new FieldProblem(field, message)));
        }
        if (cause instanceof JsonParseException jpe && jpe.getProcessor() != null
                && jpe.getOriginalMessage() != null && jpe.getOriginalMessage().startsWith("Duplicate field")) {
            // STRICT_DUPLICATE_DETECTION: a key given twice is refused, never "last one wins".
            String field = pathOf(jpe.getProcessor().getParsingContext().pathAsPointer());
            return problem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The request gives a field twice",
                    List.of(new FieldProblem(field, "is given twice")));
        }
        return problem(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", "The request body is not valid JSON for this endpoint", null);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        HttpStatus status = HttpStatus.valueOf(statusCode.value());
        String code = switch (status) {
            case NOT_FOUND -> "NOT_FOUND";
            case METHOD_NOT_ALLOWED -> "METHOD_NOT_ALLOWED";
            case UNSUPPORTED_MEDIA_TYPE -> "UNSUPPORTED_MEDIA_TYPE";
            case NOT_ACCEPTABLE -> "NOT_ACCEPTABLE";
            case BAD_REQUEST -> "MALFORMED_REQUEST";
            default -> status.name();
        };
        ResponseEntity<Object> problem = problem(status, code, status.getReasonPhrase(), null);
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem.getBody());
    }

    /** A JSON pointer ({@code /household/members/0/name}) as the field path errors use ({@code household.members[0].name}). */
    private static String pathOf(JsonPointer pointer) {
        StringBuilder sb = new StringBuilder();
        for (JsonPointer p = pointer; p != null && !p.matches(); p = p.tail()) {
            if (p.mayMatchElement()) {
                sb.append('[').append(p.getMatchingIndex()).append(']');
            } else {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(p.getMatchingProperty());
            }
        }
        return sb.toString();
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
