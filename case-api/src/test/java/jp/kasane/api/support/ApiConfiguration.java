package jp.kasane.api.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/** Makes an {@link Api} client for the running test server and the shiftable {@link TestClock} available. */
@TestConfiguration(proxyBeanMethods = false)
public class ApiConfiguration {

    @Bean
    @Primary
    TestClock testClock() {
        return new TestClock();
    }

    @Bean
    @Lazy
    Api api(Environment env, JdbcTemplate jdbc) {
        return new Api(env.getRequiredProperty("local.server.port", Integer.class), jdbc);
    }
}
