package jp.kasane.api.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.util.StringUtils;

import java.time.Instant;
import java.util.Objects;

/**
 * What a JWT must carry beyond a valid signature (docs/security.md): an {@code exp} (Spring checks it only when it is
 * there; a token that never expires is refused), and, when {@code kasane.security.jwt.issuer} is set, exactly that
 * {@code iss}. With {@code public-key-location} or {@code jwk-set-uri} the issuer is required: Kasane refuses to start
 * without it, so no configuration trusts any issuer. Spring Boot adds these validators to its decoder.
 */
@Configuration(proxyBeanMethods = false)
public class JwtRules {

    public JwtRules(@Value("${kasane.security.jwt.issuer:}") String issuer,
                    @Value("${spring.security.oauth2.resourceserver.jwt.public-key-location:}") String publicKey,
                    @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri:}") String jwkSetUri) {
        if ((StringUtils.hasText(publicKey) || StringUtils.hasText(jwkSetUri)) && !StringUtils.hasText(issuer)) {
            throw new IllegalStateException("kasane.security.jwt.issuer is required with "
                    + "spring.security.oauth2.resourceserver.jwt.public-key-location or jwk-set-uri: "
                    + "Kasane accepts tokens of one named issuer only");
        }
    }

    @Bean
    OAuth2TokenValidator<Jwt> expirationRequired() {
        return new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull);
    }

    @Bean
    @ConditionalOnProperty("kasane.security.jwt.issuer")
    OAuth2TokenValidator<Jwt> issuerRequired(@Value("${kasane.security.jwt.issuer}") String issuer) {
        return new JwtIssuerValidator(issuer);
    }
}
