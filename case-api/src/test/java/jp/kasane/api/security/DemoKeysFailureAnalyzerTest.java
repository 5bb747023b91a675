package jp.kasane.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class DemoKeysFailureAnalyzerTest {

    @Test
    void theRefusalIsReportedAsItsMessageAndTheWayOut() {
        DemoKeysNotAllowedException refusal =
                new DemoKeysNotAllowedException("Demo API keys are not allowed with the prod profile …");

        FailureAnalysis analysis = new DemoKeysFailureAnalyzer().analyze(new IllegalStateException(refusal));

        assertThat(analysis.getDescription()).isEqualTo("Demo API keys are not allowed with the prod profile …");
        assertThat(analysis.getAction()).contains("kasane.security.demo-keys")
                .contains("spring.security.oauth2.resourceserver.jwt.issuer-uri");
    }
}
