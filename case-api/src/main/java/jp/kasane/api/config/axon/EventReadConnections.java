package jp.kasane.api.config.axon;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.Properties;

/**
 * The event store's connections. Inside a transaction or a unit of work (a request's append or load, a projection's
 * batch) the store joins it on the transaction's connection, as before. Outside one (the stream following the head,
 * woken by every commit, and its look past a gap: reads without a transaction, {@link EventReadsWithoutTransaction})
 * it takes a connection from a small pool of its own whose sessions first {@code set plan_cache_mode =
 * force_generic_plan}: PostgreSQL planned that read again at every call, since its plan for any position looked dearer
 * than the plan for the head at hand, 0.12 ms of planning per write (docs/benchmarks.md). Its plan for any position is
 * the same scan of the primary key. Requests keep PostgreSQL's choice on the main pool.
 */
final class EventReadConnections implements AutoCloseable {

    static final String GENERIC_PLANS = "set plan_cache_mode = force_generic_plan";

    /** The pool for reads outside a transaction; null when the main pool is not Hikari's (then none is made). */
    private final HikariDataSource outside;

    EventReadConnections(javax.sql.DataSource main, int size) {
        this.outside = main instanceof HikariDataSource hikari && size > 0
                ? new HikariDataSource(poolBeside(hikari, size)) : null;
    }

    /**
     * The storage engine's connection provider: {@code joined} inside a transaction or unit of work, else this pool.
     * Not a bean of its own: Axon's token store, dead letters and sagas keep the application's provider.
     */
    ConnectionProvider around(ConnectionProvider joined) {
        if (outside == null) {
            return joined;
        }
        return () -> TransactionSynchronizationManager.isActualTransactionActive() || CurrentUnitOfWork.isStarted()
                ? joined.getConnection() : outside.getConnection();
    }

    /**
     * The main pool's server, user and driver settings, each new session setting generic plans after the main pool's
     * own first statement, if it has one. A statement, not the driver's startup {@code options}: connection poolers in
     * front of a city's server often refuse startup options.
     */
    static HikariConfig poolBeside(HikariDataSource main, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(main.getPoolName() + "-event-reads");
        config.setJdbcUrl(main.getJdbcUrl());
        config.setUsername(main.getUsername());
        config.setPassword(main.getPassword());
        if (main.getDriverClassName() != null) {
            config.setDriverClassName(main.getDriverClassName());
        }
        Properties properties = new Properties();
        properties.putAll(main.getDataSourceProperties());
        config.setDataSourceProperties(properties);
        String first = main.getConnectionInitSql();
        config.setConnectionInitSql(first == null || first.isBlank() ? GENERIC_PLANS : first + "; " + GENERIC_PLANS);
        config.setConnectionTimeout(main.getConnectionTimeout());
        config.setValidationTimeout(main.getValidationTimeout());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        // Not at start: the application must start (and report a missing database its own way) as before.
        config.setInitializationFailTimeout(-1);
        return config;
    }

    @Override
    public void close() {
        if (outside != null) {
            outside.close();
        }
    }
}
