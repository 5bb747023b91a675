package jp.kasane.api.security;

import jp.kasane.core.access.Caller;
import jp.kasane.core.access.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CurrentCallerTest {

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theCallerOfTheAuthenticatedRequest() {
        Caller caller = new Caller("kodomo", "staff-9", Set.of(Role.CASEWORKER));
        SecurityContextHolder.getContext().setAuthentication(new CallerAuthentication(caller, null));

        assertThat(CurrentCaller.get()).isEqualTo(caller);
        assertThat(CurrentCaller.find()).contains(caller);
    }

    @Test
    void noCallerWithoutACallerAuthentication() {
        assertThat(CurrentCaller.find()).isEmpty();
        assertThatThrownBy(CurrentCaller::get).isInstanceOf(AuthenticationCredentialsNotFoundException.class);

        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("someone", null));
        assertThat(CurrentCaller.find()).isEmpty();
    }
}
