package jp.kasane.api.config.health;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * {@code db} health that answers within a second (docs/database.md "Health and readiness"): one query on the pool,
 * given at most {@link #PATIENCE}; when the database is gone the pool would wait its full connection timeout, so
 * the health endpoint, and a load balancer's readiness probe, would hang with it. Replaces Spring Boot's {@code db}
 * indicator (same name). The reason is shown to an ADMIN only, like every health detail.
 */
@Component("dbHealthIndicator")
public class DatabaseHealthIndicator extends AbstractHealthIndicator {

    static final Duration PATIENCE = Duration.ofMillis(600);

    private final JdbcTemplate jdbc;

    public DatabaseHealthIndicator(JdbcTemplate jdbc) {
        super("Database health check failed");
        this.jdbc = jdbc;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (Bounded.within(PATIENCE, () -> jdbc.queryForObject("select 1", Integer.class)).isPresent()) {
            builder.up().withDetail("database", "PostgreSQL");
        } else {
            builder.down().withDetail("reason", "no answer from the database within " + PATIENCE.toMillis() + " ms");
        }
    }
}
