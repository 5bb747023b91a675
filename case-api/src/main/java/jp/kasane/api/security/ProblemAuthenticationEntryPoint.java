package jp.kasane.api.security;

import jp.kasane.api.web.error.ProblemResponses;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

import java.io.IOException;

/**
 * 401 as {@code application/problem+json} with code {@code UNAUTHENTICATED}, plus the {@code WWW-Authenticate:
 * Bearer} challenge of RFC 6750 ({@code error="invalid_token"} when a credential was sent but refused).
 */
public class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    public static final String CODE = "UNAUTHENTICATED";

    private final ObjectMapper objectMapper;

    public ProblemAuthenticationEntryPoint(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        String detail;
        if (exception instanceof OAuth2AuthenticationException oauth2) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"" + oauth2.getError().getErrorCode() + "\"");
            String description = oauth2.getError().getDescription();
            detail = "The bearer credential was not accepted"
                    + (description == null || description.isBlank() ? "." : ": " + description);
        } else {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            detail = "Authentication required: send 'Authorization: Bearer <credential>' (a JWT of the "
                    + "municipality's identity provider, or a demo API key on a demo server).";
        }
        ProblemResponses.write(objectMapper, request, response, HttpStatus.UNAUTHORIZED, CODE, detail);
    }
}
