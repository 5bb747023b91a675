package jp.kasane.api.security;

import jp.kasane.core.access.Caller;
import jp.kasane.core.access.Role;
import jp.kasane.core.agency.Agency;
import jp.kasane.core.agency.AgencyDirectory;
import jp.kasane.core.agency.AgencyType;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallerJwtAuthenticationConverterTest {

    private static final List<Agency> REGISTRY = List.of(
            new Agency("city-welfare", "市 福祉政策課 (重層支援)", AgencyType.MULTI_AGENCY_COORDINATOR));

    private final AgencyDirectory directory = new AgencyDirectory() {
        @Override
        public Optional<Agency> find(String agencyId) {
            return REGISTRY.stream().filter(a -> a.id().equals(agencyId)).findFirst();
        }

        @Override
        public List<Agency> all() {
            return REGISTRY;
        }
    };

    private final CallerJwtAuthenticationConverter converter = new CallerJwtAuthenticationConverter(directory);

    @Test
    void agencyRolesAndSubjectMakeTheCaller() {
        AbstractAuthenticationToken authentication = converter.convert(jwt()
                .subject("staff-17").claim("agency", "city-welfare").claim("roles", List.of("CASEWORKER", "COORDINATOR"))
                .build());

        assertThat(authentication).isInstanceOf(CallerAuthentication.class);
        assertThat(authentication.isAuthenticated()).isTrue();
        assertThat(authentication.getPrincipal())
                .isEqualTo(new Caller("city-welfare", "staff-17", Set.of(Role.CASEWORKER, Role.COORDINATOR)));
        assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_CASEWORKER", "ROLE_COORDINATOR");
        assertThat(authentication.getCredentials()).isInstanceOf(Jwt.class);
    }

    @Test
    void unknownRoleNamesAreIgnoredAndAStringListIsAccepted() {
        Caller caller = (Caller) converter.convert(jwt().subject("s").claim("agency", "city-welfare")
                .claim("roles", List.of("AUDITOR", "SUPERUSER")).build()).getPrincipal();
        assertThat(caller.roles()).containsExactly(Role.AUDITOR);

        Caller spaced = (Caller) converter.convert(jwt().subject("s").claim("agency", "city-welfare")
                .claim("roles", "ANALYST ADMIN").build()).getPrincipal();
        assertThat(spaced.roles()).containsExactlyInAnyOrder(Role.ANALYST, Role.ADMIN);

        Caller none = (Caller) converter.convert(jwt().subject("s").claim("agency", "city-welfare").build()).getPrincipal();
        assertThat(none.roles()).isEmpty();
    }

    @Test
    void aTokenWithoutAgencyIsRefused() {
        assertThatThrownBy(() -> converter.convert(jwt().subject("s").claim("roles", List.of("CASEWORKER")).build()))
                .isInstanceOf(InvalidBearerTokenException.class).hasMessageContaining("agency");
        assertThatThrownBy(() -> converter.convert(jwt().subject("s").claim("agency", List.of("city-welfare")).build()))
                .isInstanceOf(InvalidBearerTokenException.class);
    }

    @Test
    void aTokenNamingAnUnknownAgencyIsRefused() {
        assertThatThrownBy(() -> converter.convert(jwt().subject("s").claim("agency", "nowhere").build()))
                .isInstanceOf(InvalidBearerTokenException.class).hasMessageContaining("registry");
    }

    @Test
    void aTokenWithoutSubjectIsRefused() {
        assertThatThrownBy(() -> converter.convert(jwt().claim("agency", "city-welfare").build()))
                .isInstanceOf(InvalidBearerTokenException.class).hasMessageContaining("sub");
    }

    private static Jwt.Builder jwt() {
        return Jwt.withTokenValue("token").header("alg", "RS256")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300));
    }
}
