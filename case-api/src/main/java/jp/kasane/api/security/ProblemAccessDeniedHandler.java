package jp.kasane.api.security;

import jp.kasane.api.web.error.ProblemResponses;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;

/** 403 as {@code application/problem+json} with code {@code FORBIDDEN}: the credential's roles do not allow this. */
public class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    public static final String CODE = "FORBIDDEN";

    private final ObjectMapper objectMapper;

    public ProblemAccessDeniedHandler(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
            throws IOException {
        ProblemResponses.write(objectMapper, request, response, HttpStatus.FORBIDDEN, CODE,
                "The credential's roles do not allow this request.");
    }
}
