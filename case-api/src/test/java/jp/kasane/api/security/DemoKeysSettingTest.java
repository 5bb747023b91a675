package jp.kasane.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoKeysSettingTest {

    private static final String URL = "jdbc:postgresql://db.example/kasane";

    @Test
    void unsetWithTheEmbeddedDatabaseMeansOn() {
        assertThat(DemoKeysSetting.resolve(env("", null)).enabled()).isTrue();
        assertThat(DemoKeysSetting.resolve(new MockEnvironment()).enabled()).isTrue();
    }

    @Test
    void unsetWithAnExternalDatabaseMeansOff() {
        assertThat(DemoKeysSetting.resolve(env("", URL)).enabled()).isFalse();
    }

    @Test
    void unsetWithTheProdProfileMeansOff() {
        MockEnvironment env = env("", null);
        env.setActiveProfiles("prod");
        assertThat(DemoKeysSetting.resolve(env).enabled()).isFalse();
    }

    @Test
    void explicitValuesAreUsed() {
        assertThat(DemoKeysSetting.resolve(env("true", null)).enabled()).isTrue();
        assertThat(DemoKeysSetting.resolve(env("FALSE", null)).enabled()).isFalse();
        assertThat(DemoKeysSetting.resolve(env("false", URL)).enabled()).isFalse();
        MockEnvironment prod = env("false", null);
        prod.setActiveProfiles("prod");
        assertThat(DemoKeysSetting.resolve(prod).enabled()).isFalse();
    }

    @Test
    void explicitlyOnWithTheProdProfileIsRefused() {
        MockEnvironment env = env("true", null);
        env.setActiveProfiles("prod");
        assertThatThrownBy(() -> DemoKeysSetting.resolve(env))
                .isInstanceOf(DemoKeysNotAllowedException.class)
                .hasMessageStartingWith("Demo API keys are not allowed with the prod profile");
    }

    @Test
    void explicitlyOnWithAnExternalDatabaseIsRefused() {
        assertThatThrownBy(() -> DemoKeysSetting.resolve(env("true", URL)))
                .isInstanceOf(DemoKeysNotAllowedException.class)
                .hasMessageContaining("spring.datasource.url is set");
    }

    @Test
    void anythingElseIsAConfigurationError() {
        assertThatThrownBy(() -> DemoKeysSetting.resolve(env("yes", null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kasane.security.demo-keys must be true, false or empty");
    }

    private static MockEnvironment env(String demoKeys, String url) {
        MockEnvironment env = new MockEnvironment().withProperty("kasane.security.demo-keys", demoKeys);
        if (url != null) {
            env.setProperty("spring.datasource.url", url);
        }
        return env;
    }
}
