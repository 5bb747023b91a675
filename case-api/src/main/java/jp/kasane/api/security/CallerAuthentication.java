package jp.kasane.api.security;

import jp.kasane.core.access.Caller;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated request: the principal is the {@link Caller}, the authorities are {@code ROLE_<role>}, so
 * controllers may use {@code @PreAuthorize("hasRole('COORDINATOR')")} and {@code @AuthenticationPrincipal Caller}.
 * The credential is the validated JWT in JWT mode and nothing in demo-key mode (the key itself is never kept).
 */
public final class CallerAuthentication extends AbstractAuthenticationToken {

    private final transient Caller caller;
    private final transient Object credentials;

    public CallerAuthentication(Caller caller, Object credentials) {
        super(caller.roles().stream().sorted().map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList());
        this.caller = caller;
        this.credentials = credentials;
        setAuthenticated(true);
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public Object getCredentials() {
        return credentials;
    }

    @Override
    public String getName() {
        return caller.agencyId() + "/" + caller.actor();
    }
}
