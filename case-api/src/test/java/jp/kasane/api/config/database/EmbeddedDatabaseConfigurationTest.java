package jp.kasane.api.config.database;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Which database the application gets, depending on {@code spring.datasource.url}. */
class EmbeddedDatabaseConfigurationTest {

    @TempDir
    Path dataDir;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
            .withUserConfiguration(EmbeddedDatabaseConfiguration.class);

    @Test
    void withoutAUrlTheApplicationGetsAPoolOnTheEmbeddedServerWhichStopsWithTheContext() {
        AtomicLong postmaster = new AtomicLong();
        runner.withPropertyValues("kasane.data-dir=" + dataDir)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(EmbeddedPostgresServer.class);
                    EmbeddedPostgresServer server = context.getBean(EmbeddedPostgresServer.class);
                    assertThat(server.clusterDirectory()).isEqualTo(dataDir.toAbsolutePath().resolve("postgres"));
                    HikariDataSource pool = (HikariDataSource) context.getBean(DataSource.class);
                    assertThat(pool.getJdbcUrl()).isEqualTo(server.jdbcUrl());
                    assertThat(pool.getMaximumPoolSize()).isEqualTo(10);
                    assertThat(new JdbcTemplate(pool).queryForObject("SELECT current_database()", String.class))
                            .isEqualTo("kasane");
                    postmaster.set(server.postmasterPid().orElseThrow());
                });
        assertThat(PostmasterPidFile.isRunning(postmaster.get()))
                .as("PostgreSQL is stopped when the context closes").isFalse();
    }

    @Test
    void poolSettingsApplyToTheEmbeddedPoolToo() {
        runner.withPropertyValues("kasane.data-dir=" + dataDir, "spring.datasource.hikari.maximum-pool-size=4")
                .run(context -> assertThat(context.getBean(HikariDataSource.class).getMaximumPoolSize()).isEqualTo(4));
    }

    @Test
    void withAUrlNothingIsStartedAndSpringBootBuildsThePool() {
        runner.withPropertyValues("kasane.data-dir=" + dataDir,
                        "spring.datasource.url=jdbc:postgresql://db.city.example:5432/kasane",
                        "spring.datasource.username=kasane", "spring.datasource.password=secret")
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(EmbeddedPostgresServer.class);
                    HikariDataSource pool = context.getBean(HikariDataSource.class);
                    assertThat(pool.getJdbcUrl()).isEqualTo("jdbc:postgresql://db.city.example:5432/kasane");
                    assertThat(pool.getUsername()).isEqualTo("kasane");
                });
        assertThat(dataDir.resolve("postgres")).doesNotExist();
    }
}
