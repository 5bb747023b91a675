package jp.kasane.api.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link DemoKeysNotAllowedException} as one clear start-up failure instead of a stack trace
 * (registered in {@code META-INF/spring.factories}).
 */
public class DemoKeysFailureAnalyzer extends AbstractFailureAnalyzer<DemoKeysNotAllowedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DemoKeysNotAllowedException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Remove KASANE_DEMO_KEYS / kasane.security.demo-keys (or set it to false) and configure the "
                        + "identity provider: spring.security.oauth2.resourceserver.jwt.issuer-uri. See docs/security.md.",
                cause);
    }
}
