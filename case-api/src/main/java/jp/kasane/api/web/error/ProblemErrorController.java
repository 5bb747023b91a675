package jp.kasane.api.web.error;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jp.kasane.api.config.database.DatabaseFailures;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Whatever ends in the servlet container's error dispatch ({@code sendError} from a filter, the firewall, a
 * container check) answers problem+json with a stable code, like every other error, instead of Spring Boot's
 * default body.
 */
@Hidden
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    @PreAuthorize("permitAll()")
    public ResponseEntity<Object> error(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
                && DatabaseFailures.isUnavailable(failure)) {
            return ProblemHandler.databaseUnavailable(failure);
        }
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof AuthenticationServiceException) {
            // The identity provider (its JWK set) could not be reached to check a token: not the caller's fault.
            ResponseEntity<Object> problem = ProblemHandler.problem(HttpStatus.SERVICE_UNAVAILABLE,
                    "IDENTITY_PROVIDER_UNAVAILABLE", "The identity provider cannot be reached to check the credential; "
                            + "retry after the time given in Retry-After", null);
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "30")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem.getBody());
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i && HttpStatus.resolve(i) != null ? HttpStatus.valueOf(i)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        String name = switch (status) {
            case BAD_REQUEST -> "MALFORMED_REQUEST";
            case UNAUTHORIZED -> "UNAUTHENTICATED";
            case FORBIDDEN -> "FORBIDDEN";
            case NOT_FOUND -> "NOT_FOUND";
            case METHOD_NOT_ALLOWED -> "METHOD_NOT_ALLOWED";
            case NOT_ACCEPTABLE -> "NOT_ACCEPTABLE";
            case PAYLOAD_TOO_LARGE -> "PAYLOAD_TOO_LARGE";
            case UNSUPPORTED_MEDIA_TYPE -> "UNSUPPORTED_MEDIA_TYPE";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "HEADERS_TOO_LARGE";
            case SERVICE_UNAVAILABLE -> "SERVICE_UNAVAILABLE";
            default -> status.is5xxServerError() ? "INTERNAL_ERROR" : "MALFORMED_REQUEST";
        };
        return ProblemHandler.problem(status, name, status.getReasonPhrase(), null);
    }
}
