package jp.kasane.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jp.kasane.core.access.Caller;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KasaneAuthenticationManagerResolverTest {

    private final DemoApiKeys demoKeys = new DemoApiKeys(DemoMunicipality.load(new ObjectMapper()));

    @Test
    void aDemoKeyBecomesACallerAuthenticationWithoutTheKey() {
        var resolver = new KasaneAuthenticationManagerResolver(demoKeys, null);
        Authentication authentication = resolver.authenticate(new BearerTokenAuthenticationToken("demo-auditor"), "aud-1");
        assertThat(authentication.getPrincipal()).isInstanceOfSatisfying(Caller.class, c -> {
            assertThat(c.agencyId()).isEqualTo("audit-office");
            assertThat(c.actor()).isEqualTo("aud-1");
        });
        assertThat(authentication.getCredentials()).isNull();
        assertThat(authentication.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_AUDITOR");
    }

    @Test
    void anUnknownKeyIsAnInvalidToken() {
        var resolver = new KasaneAuthenticationManagerResolver(demoKeys, null);
        assertThatThrownBy(() -> resolver.authenticate(new BearerTokenAuthenticationToken("nope"), null))
                .isInstanceOf(InvalidBearerTokenException.class);
    }

    @Test
    void withNothingConfiguredEveryCredentialIsRefused() {
        var resolver = new KasaneAuthenticationManagerResolver(null, null);
        assertThatThrownBy(() -> resolver.authenticate(new BearerTokenAuthenticationToken("demo-admin"), null))
                .isInstanceOf(InvalidBearerTokenException.class)
                .hasMessageContaining("No authentication is configured");
    }
}
