package jp.kasane.api.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * Authenticates the bearer credential that Spring Security's resource-server filter extracted: first as a demo
 * API key (when those are on), then as a JWT (when a decoder is configured). Anything else is an invalid token
 * (401). With neither configured every credential is refused.
 */
public class KasaneAuthenticationManagerResolver implements AuthenticationManagerResolver<HttpServletRequest> {

    private final DemoApiKeys demoKeys;
    private final JwtAuthenticationProvider jwt;

    /**
     * @param demoKeys the demo keys, or null when demo keys are off
     * @param jwt      the JWT provider (with {@link CallerJwtAuthenticationConverter}), or null when no JWT is configured
     */
    public KasaneAuthenticationManagerResolver(DemoApiKeys demoKeys, JwtAuthenticationProvider jwt) {
        this.demoKeys = demoKeys;
        this.jwt = jwt;
    }

    public boolean demoKeysEnabled() {
        return demoKeys != null;
    }

    public boolean jwtEnabled() {
        return jwt != null;
    }

    @Override
    public AuthenticationManager resolve(HttpServletRequest request) {
        String actorHeader = request.getHeader(DemoApiKeys.ACTOR_HEADER);
        return authentication -> authenticate(authentication, actorHeader);
    }

    Authentication authenticate(Authentication authentication, String actorHeader) {
        if (!(authentication instanceof BearerTokenAuthenticationToken bearer)) {
            throw new InvalidBearerTokenException("Unsupported credential");
        }
        if (demoKeys != null) {
            var caller = demoKeys.authenticate(bearer.getToken(), actorHeader);
            if (caller.isPresent()) {
                return new CallerAuthentication(caller.get(), null);
            }
        }
        if (jwt != null) {
            return jwt.authenticate(bearer);
        }
        throw new InvalidBearerTokenException(demoKeys != null
                ? "The bearer credential is not a valid API key"
                : "No authentication is configured on this server");
    }
}
