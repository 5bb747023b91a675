package jp.kasane.api.security;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The start-up half of the JWT rules: no configuration may trust any issuer or any audience. */
class JwtRulesTest {

    @Test
    void a_public_key_or_key_set_without_an_issuer_refuses_to_start() {
        assertThatThrownBy(() -> new JwtRules("", "", "classpath:k.pem", "", List.of("kasane")))
                .hasMessageContaining("kasane.security.jwt.issuer is required");
        assertThatThrownBy(() -> new JwtRules("", "", "", "https://idp/jwks", List.of("kasane")))
                .hasMessageContaining("kasane.security.jwt.issuer is required");
    }

    @Test
    void every_jwt_configuration_without_an_audience_refuses_to_start() {
        assertThatThrownBy(() -> new JwtRules("", "https://idp/realms/city", "", "", List.of()))
                .hasMessageContaining(JwtRules.AUDIENCES + " is required");
        assertThatThrownBy(() -> new JwtRules("https://idp", "", "", "https://idp/jwks", List.of(" ")))
                .hasMessageContaining(JwtRules.AUDIENCES + " is required");
        assertThatThrownBy(() -> new JwtRules("https://idp", "", "classpath:k.pem", "", List.of()))
                .hasMessageContaining(JwtRules.AUDIENCES + " is required");
    }

    @Test
    void a_complete_configuration_or_none_at_all_starts() {
        assertThatCode(() -> new JwtRules("", "https://idp/realms/city", "", "", List.of("kasane")))
                .doesNotThrowAnyException();
        assertThatCode(() -> new JwtRules("https://idp", "", "", "https://idp/jwks", List.of("kasane")))
                .doesNotThrowAnyException();
        assertThatCode(() -> new JwtRules("", "", "", "", List.of())).doesNotThrowAnyException();
    }
}
