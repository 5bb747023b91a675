package jp.kasane.api.security;

import jp.kasane.api.KasaneApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Demo keys switched on where they must never be stop the start-up with one clear message, before the database
 * is contacted: none of these runs has a database to contact.
 */
class DemoKeysRefusalTest {

    @Test
    void theProdProfileWithDemoKeysOnRefusesToStart() {
        Throwable failure = start(new SpringApplicationBuilder(KasaneApplication.class),
                "--spring.profiles.active=prod", "--kasane.security.demo-keys=true");

        assertThat(rootCause(failure)).isInstanceOf(DemoKeysNotAllowedException.class)
                .hasMessageStartingWith("Demo API keys are not allowed with the prod profile")
                .hasMessageContaining("'prod' profile is active");
    }

    /**
     * Nothing listens on port 1: were the database contacted first, the failure would be a connection error. The
     * guard is added here as the initializer META-INF/spring.factories declares it (highest precedence, so before
     * the external-database reachability check).
     */
    @Test
    void anExternalDatabaseWithDemoKeysOnRefusesToStartWithoutContactingIt() {
        Throwable failure = start(new SpringApplicationBuilder(KasaneApplication.class)
                        .initializers(new DemoKeysStartupGuard()),
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/nowhere", "--kasane.security.demo-keys=true");

        assertThat(rootCause(failure)).isInstanceOf(DemoKeysNotAllowedException.class)
                .hasMessageContaining("spring.datasource.url is set");
    }

    private static Throwable start(SpringApplicationBuilder application, String... args) {
        Throwable failure = catchThrowable(() -> {
            try (ConfigurableApplicationContext ignored = application
                    .run(concat(args, "--server.port=0", "--kasane.data-dir=target/test-data/refusal"))) {
                // started: the assertion below fails
            }
        });
        assertThat(failure).as("the application must refuse to start").isNotNull();
        return failure;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable t = failure;
        while (!(t instanceof DemoKeysNotAllowedException) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
