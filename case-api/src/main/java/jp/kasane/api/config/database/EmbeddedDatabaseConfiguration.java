package jp.kasane.api.config.database;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The database when no {@code spring.datasource.url} is configured: an {@link EmbeddedPostgresServer} in
 * {@code kasane.data-dir}, behind a HikariCP pool. With {@code spring.datasource.url} set none of this exists and
 * Spring Boot's {@code DataSourceAutoConfiguration} builds the pool for the external server.
 *
 * <p>Shutdown order is Spring's dependency order: Axon's processors and Flyway use the {@code dataSource}, which
 * depends on the server, so the pool is closed before PostgreSQL is stopped.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDataSourceUrl.class)
@EnableConfigurationProperties(KasaneDataProperties.class)
public class EmbeddedDatabaseConfiguration {

    static final String URL_PROPERTY = "spring.datasource.url";

    @Bean(destroyMethod = "close")
    public EmbeddedPostgresServer embeddedPostgresServer(KasaneDataProperties properties) {
        return EmbeddedPostgresServer.start(properties.getDataDir());
    }

    /**
     * Restarts the embedded postmaster when it dies; stopped before the server is closed. On unless
     * {@code kasane.embedded.restart-on-failure=false} (docs/configuration.md).
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "kasane.embedded.restart-on-failure", havingValue = "true", matchIfMissing = true)
    public EmbeddedPostgresSupervisor embeddedPostgresSupervisor(EmbeddedPostgresServer server) {
        return new EmbeddedPostgresSupervisor(server, Duration.ofSeconds(1));
    }

    /**
     * The pool; {@code spring.datasource.hikari.*} tunes it as it would an external one.
     */
    @Bean(destroyMethod = "close")
    @ConfigurationProperties("spring.datasource.hikari")
    public HikariDataSource dataSource(EmbeddedPostgresServer server) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("kasane-embedded");
        dataSource.setJdbcUrl(server.jdbcUrl());
        dataSource.setUsername(server.username());
        dataSource.setMaximumPoolSize(10);
        return dataSource;
    }

    /** Matches when {@code spring.datasource.url} is absent or blank. */
    static class NoDataSourceUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty(URL_PROPERTY));
        }
    }
}
