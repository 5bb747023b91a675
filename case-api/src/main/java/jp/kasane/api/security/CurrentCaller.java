package jp.kasane.api.security;

import jp.kasane.core.access.Caller;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Optional;

/**
 * The {@link Caller} of the current request. In a controller prefer a parameter
 * {@code @AuthenticationPrincipal Caller caller}; elsewhere (services called from a request thread) use
 * {@link #get()}.
 */
public final class CurrentCaller {

    private CurrentCaller() {
    }

    /** The caller of the current request, or empty on an unauthenticated request or outside one. */
    public static Optional<Caller> find() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated()
                && authentication.getPrincipal() instanceof Caller caller) {
            return Optional.of(caller);
        }
        return Optional.empty();
    }

    /**
     * The caller of the current request.
     *
     * @throws AuthenticationCredentialsNotFoundException when there is none (answered 401)
     */
    public static Caller get() {
        return find().orElseThrow(() -> new AuthenticationCredentialsNotFoundException("No authenticated caller"));
    }
}
