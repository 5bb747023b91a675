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
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What a JWT must carry beyond a valid signature (docs/security.md), in every configuration:
 * <ul>
 *   <li>an {@code exp} (Spring checks it, with 60 s of clock skew, only when it is there; a token that never
 *       expires is refused);</li>
 *   <li>exactly the {@code iss} of {@code kasane.security.jwt.issuer} (with {@code issuer-uri}, Spring checks that
 *       URI; with {@code public-key-location} or {@code jwk-set-uri} the property is required);</li>
 *   <li>an {@code aud} naming one of {@code spring.security.oauth2.resourceserver.jwt.audiences}, required with any
 *       JWT configuration, so that a token the city's identity provider issued for another application is not
 *       accepted here.</li>
 * </ul>
 * Kasane refuses to start when a required setting is missing. Spring Boot adds these validators to its decoder.
 */
@Configuration(proxyBeanMethods = false)
public class JwtRules {

    static final String AUDIENCES = "spring.security.oauth2.resourceserver.jwt.audiences";

    public JwtRules(@Value("${kasane.security.jwt.issuer:}") String issuer,
                    @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuerUri,
                    @Value("${spring.security.oauth2.resourceserver.jwt.public-key-location:}") String publicKey,
                    @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri:}") String jwkSetUri,
                    @Value("${" + AUDIENCES + ":}") List<String> audiences) {
        boolean keysWithoutIssuer = StringUtils.hasText(publicKey) || StringUtils.hasText(jwkSetUri);
        if (keysWithoutIssuer && !StringUtils.hasText(issuer)) {
            throw new IllegalStateException("kasane.security.jwt.issuer is required with "
                    + "spring.security.oauth2.resourceserver.jwt.public-key-location or jwk-set-uri: "
                    + "Kasane accepts tokens of one named issuer only");
        }
        if ((keysWithoutIssuer || StringUtils.hasText(issuerUri)) && !hasText(audiences)) {
            throw new IllegalStateException(AUDIENCES + " is required with a JWT configuration: "
                    + "Kasane accepts only tokens issued for it (the aud claim)");
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

    /** Checked here as well as by Spring Boot, so that no kind of decoder goes without it. */
    @Bean
    @ConditionalOnProperty(AUDIENCES)
    OAuth2TokenValidator<Jwt> audienceRequired(@Value("${" + AUDIENCES + "}") List<String> audiences) {
        List<String> accepted = audiences.stream().filter(StringUtils::hasText).map(String::strip).toList();
        return new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
                aud -> aud != null && aud.stream().anyMatch(accepted::contains));
    }

    private static boolean hasText(List<String> values) {
        return values != null && values.stream().anyMatch(StringUtils::hasText);
    }
}
