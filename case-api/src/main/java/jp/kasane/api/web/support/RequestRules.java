package jp.kasane.api.web.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.kasane.api.web.error.FieldProblem;
import jp.kasane.api.web.error.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a request must be before anything reads it (docs/api.md "Headers"), checked first, before the security
 * filters and the firewall, so every refusal is a problem+json with a stable code and names the header:
 * <ul>
 *   <li>{@code Idempotency-Key} (1 to 255), {@code X-Correlation-Id} (1 to 64) and {@code Kasane-Actor} (1 to 64) are
 *       tokens of visible ASCII; anything else (Japanese included) is {@code 400 INVALID_HEADER}. They are keys
 *       and ids for machines and logs, never names;</li>
 *   <li>the other headers the application reads ({@code Accept}, {@code Content-Type}, {@code If-Match}) hold no
 *       character the firewall refuses (a control character, as a byte such as 0x85 reads), else {@code 400
 *       INVALID_HEADER}, where the firewall would refuse them only when Spring reads them, past this filter.
 *       Headers nobody reads are not checked: a partner's gateway may add its own. One answer names every bad
 *       header of these two kinds ({@code errors[]}, one per header);</li>
 *   <li>{@code Authorization}, when sent, is {@code Bearer <token68>}; anything else is {@code 401 UNAUTHENTICATED};</li>
 *   <li>a body declared larger than {@value #MAX_BODY_BYTES} bytes is {@code 413 PAYLOAD_TOO_LARGE};</li>
 *   <li>an {@code Accept} that takes no JSON, on the API, is {@code 406 NOT_ACCEPTABLE}.</li>
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestRules extends OncePerRequestFilter {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String CORRELATION_ID = "X-Correlation-Id";
    public static final String ACTOR = "Kasane-Actor";
    public static final Pattern IDEMPOTENCY_KEY_VALUE = Pattern.compile("[\\x21-\\x7E]{1,255}");
    public static final Pattern CORRELATION_ID_VALUE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    public static final Pattern ACTOR_VALUE = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    /** In a fixed order, so the same request's {@code errors[]} always reads the same. */
    private static final List<Map.Entry<String, Pattern>> TOKEN_HEADERS = List.of(
            Map.entry(IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_VALUE), Map.entry(CORRELATION_ID, CORRELATION_ID_VALUE),
            Map.entry(ACTOR, ACTOR_VALUE));
    /** The headers, beside those above, that Spring or a controller reads: the firewall checks them when read. */
    private static final List<String> READ_HEADERS = List.of("Accept", "Content-Type", "If-Match");
    private static final Pattern BEARER = Pattern.compile("Bearer [A-Za-z0-9\\-._~+/]+=*", Pattern.CASE_INSENSITIVE);
    static final long MAX_BODY_BYTES = 1024 * 1024;

    private final ObjectMapper json;

    public RequestRules(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<FieldProblem> badHeaders = new ArrayList<>();
        for (Map.Entry<String, Pattern> header : TOKEN_HEADERS) {
            String value = request.getHeader(header.getKey());
            if (value != null && !header.getValue().matcher(value).matches()) {
                badHeaders.add(new FieldProblem(header.getKey(), "must be " + header.getValue().pattern()
                        + " (visible ASCII; a key or an id, never a name)"));
            }
        }
        for (String header : READ_HEADERS) {
            if (!allowedValues(request, header)) {
                badHeaders.add(new FieldProblem(header, "holds a character that is not allowed (a control character)"));
            }
        }
        if (!badHeaders.isEmpty()) {
            ProblemResponses.write(json, request, response, HttpStatus.BAD_REQUEST, "INVALID_HEADER", "Header "
                    + String.join(", ", badHeaders.stream().map(FieldProblem::field).toList())
                    + " is not allowed as sent (errors[] says why)", badHeaders);
            return;
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && !BEARER.matcher(authorization).matches()) {
            response.setHeader("WWW-Authenticate", "Bearer");
            write(request, response, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "A valid credential is required");
            return;
        }
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                    "A request body may be at most " + MAX_BODY_BYTES + " bytes");
            return;
        }
        if (request.getRequestURI().startsWith("/api/") && !acceptsJson(request.getHeader("Accept"))) {
            write(request, response, HttpStatus.NOT_ACCEPTABLE, "NOT_ACCEPTABLE",
                    "This endpoint answers application/json (errors application/problem+json)");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean allowedValues(HttpServletRequest request, String header) {
        Enumeration<String> values = request.getHeaders(header);
        while (values != null && values.hasMoreElements()) {
            if (!FirewallCharacters.HEADER_VALUES.test(values.nextElement())) {
                return false;
            }
        }
        return true;
    }

    private static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        try {
            List<MediaType> types = MediaType.parseMediaTypes(accept);
            return types.stream().anyMatch(t -> t.includes(MediaType.APPLICATION_JSON)
                    || t.includes(MediaType.APPLICATION_PROBLEM_JSON));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
                       String detail) throws IOException {
        ProblemResponses.write(json, request, response, status, code, detail, null);
    }
}
