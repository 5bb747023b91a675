package jp.kasane.api.config.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * Checks, before the application context is refreshed, that the database can be had at all, so that the common
 * failures stop startup at once with one short report ({@link DatabaseFailureAnalyzer}) instead of surfacing deep in
 * the refresh (Flyway is usually first), where the same fact is logged three times with long stack traces.
 * <ul>
 *     <li>With {@code spring.datasource.url}: opens and closes one connection, with
 *     {@code spring.datasource.username}/{@code password} and {@code spring.datasource.hikari.data-source-properties.*}
 *     like the pool will. Unreachable server or refused login: {@link DatabaseUnreachableException}. Other errors
 *     (a missing driver, say) are left for the normal startup to report.</li>
 *     <li>Without it: {@code kasane.data-dir} must be (or be creatable as) a writable directory not in use by another
 *     running Kasane ({@link EmbeddedPostgresServer#checkDataDirectory}); otherwise
 *     {@link EmbeddedDatabaseException}. The server itself is started later, as a bean.</li>
 * </ul>
 * Registered in {@code META-INF/spring.factories}.
 */
public class DatabaseStartupCheck implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(DatabaseStartupCheck.class);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (context.getParent() != null) {
            return; // a child context (e.g. a separate management port) shares the parent's database
        }
        ConfigurableEnvironment environment = context.getEnvironment();
        if (StringUtils.hasText(environment.getProperty(EmbeddedDatabaseConfiguration.URL_PROPERTY))) {
            checkExternal(environment);
        } else {
            Path dataDir = Binder.get(environment).bind("kasane.data-dir", Path.class).orElse(Path.of("data"));
            EmbeddedPostgresServer.checkDataDirectory(dataDir);
        }
    }

    /** Throws {@link DatabaseUnreachableException} when the configured database cannot be reached. */
    static void checkExternal(ConfigurableEnvironment environment) {
        String url = environment.getProperty(EmbeddedDatabaseConfiguration.URL_PROPERTY);
        if (!StringUtils.hasText(url)) {
            return;
        }
        Properties properties = new Properties();
        Binder.get(environment)
                .bind("spring.datasource.hikari.data-source-properties", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of())
                .forEach(properties::setProperty);
        String username = environment.getProperty("spring.datasource.username");
        String password = environment.getProperty("spring.datasource.password");
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        if (url.startsWith("jdbc:postgresql:")) {
            // Do not hang for minutes on a black-holed address. URL parameters still take precedence.
            properties.putIfAbsent("connectTimeout", "10");
            properties.putIfAbsent("loginTimeout", "20");
        }
        String maskedUrl = DatabaseFailureAnalyzer.maskUrl(url);
        try (Connection ignored = DriverManager.getConnection(url, properties)) {
            log.info("Database at {} is reachable", maskedUrl);
        } catch (SQLException e) {
            if (DatabaseFailureAnalyzer.isConnectionFailure(e)) {
                throw new DatabaseUnreachableException(maskedUrl, DatabaseFailureAnalyzer.reason(e), e);
            }
            log.debug("Database check of {} inconclusive: {}", maskedUrl, e.toString());
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
