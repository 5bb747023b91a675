package jp.kasane.api.security;

import jp.kasane.core.access.Caller;
import jp.kasane.core.access.Role;
import jp.kasane.core.agency.AgencyDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a validated JWT into a {@link CallerAuthentication}: claim {@value #AGENCY_CLAIM} (a string, an agency of
 * the registry) is the agency, claim {@value #ROLES_CLAIM} (an array of role names; a space- or comma-separated
 * string is accepted too) the roles, {@code sub} the actor. A token without an agency, naming an agency the
 * registry does not know, or without a subject is refused (401). Unknown role names are ignored.
 */
public class CallerJwtAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    public static final String AGENCY_CLAIM = "agency";
    public static final String ROLES_CLAIM = "roles";

    private static final Logger log = LoggerFactory.getLogger(CallerJwtAuthenticationConverter.class);

    private final AgencyDirectory agencies;

    public CallerJwtAuthenticationConverter(AgencyDirectory agencies) {
        this.agencies = agencies;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Object agencyClaim = jwt.getClaims().get(AGENCY_CLAIM);
        if (!(agencyClaim instanceof String agencyId) || agencyId.isBlank()) {
            throw new InvalidBearerTokenException("The token has no '" + AGENCY_CLAIM + "' claim naming an agency");
        }
        if (!agencies.exists(agencyId)) {
            throw new InvalidBearerTokenException("The token's agency is not in the agency registry");
        }
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new InvalidBearerTokenException("The token has no 'sub' claim");
        }
        return new CallerAuthentication(new Caller(agencyId, subject, roles(jwt.getClaims().get(ROLES_CLAIM))), jwt);
    }

    static Set<Role> roles(Object claim) {
        Collection<?> names;
        if (claim instanceof Collection<?> collection) {
            names = collection;
        } else if (claim instanceof String string) {
            names = List.of(string.trim().split("[\\s,]+"));
        } else {
            names = List.of();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        int unknown = 0;
        for (Object name : names) {
            if (name == null) {
                continue;
            }
            try {
                roles.add(Role.valueOf(name.toString().trim()));
            } catch (IllegalArgumentException notARole) {
                unknown++;
            }
        }
        if (unknown > 0) {
            // The claim's text is the token issuer's, not ours: count it, never echo it into the log.
            log.debug("Ignoring {} unknown role(s) in a JWT", unknown);
        }
        return roles;
    }
}
