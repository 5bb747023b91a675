package jp.kasane.api.web.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the RFC 9457 bodies of answers given before a request reaches a controller (the security filters' 401 and
 * 403, {@code RequestRules}' refusals), which the controller advice never sees, in the same form and with the same
 * {@code Content-Type} as the advice's ({@code type} {@code urn:kasane:problem:<code>}).
 */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static void write(ObjectMapper objectMapper, HttpServletRequest request, HttpServletResponse response,
                             HttpStatus status, String code, String detail) throws IOException {
        write(objectMapper, request, response, status, code, detail, null);
    }

    /** @param errors {@code errors[]} of the problem, or null */
    public static void write(ObjectMapper objectMapper, HttpServletRequest request, HttpServletResponse response,
                             HttpStatus status, String code, String detail, List<FieldProblem> errors) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:kasane:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-'));
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        body.put("code", code);
        if (errors != null) {
            body.put("errors", errors);
        }
        response.setStatus(status.value());
        // JSON written to the stream is UTF-8; no charset parameter, like every other problem.
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), body);
    }
}
