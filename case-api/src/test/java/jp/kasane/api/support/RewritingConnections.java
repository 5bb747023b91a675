package jp.kasane.api.support;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

/**
 * Connections to the test database whose driver sends a JDBC batch of inserts as multi-row statements
 * ({@code reWriteBatchedInserts=true}), as a city may configure it (docs/database.md): a batch's row counts are then
 * not given, and one statement may not upsert a row twice. A read model built on these must still be right.
 */
public final class RewritingConnections implements AutoCloseable {

    private final HikariDataSource dataSource;
    public final JdbcTemplate jdbc;
    public final PlatformTransactionManager transactionManager;

    public RewritingConnections(DataSource main) {
        HikariDataSource pool = (HikariDataSource) main;
        dataSource = new HikariDataSource();
        dataSource.setPoolName("rewriting-batches");
        dataSource.setJdbcUrl(pool.getJdbcUrl());
        dataSource.setUsername(pool.getUsername());
        dataSource.setPassword(pool.getPassword());
        dataSource.setMaximumPoolSize(2);
        dataSource.addDataSourceProperty("reWriteBatchedInserts", "true");
        jdbc = new JdbcTemplate(dataSource);
        transactionManager = new DataSourceTransactionManager(dataSource);
        if (!rewrites()) {
            dataSource.close();
            throw new IllegalStateException("the driver did not rewrite a batch of inserts");
        }
    }

    /** Whether a batch of two inserts came back without row counts, as only a rewritten batch does. */
    private boolean rewrites() {
        return new TransactionTemplate(transactionManager).execute(status -> {
            jdbc.execute("create temporary table rewrite_probe (n int) on commit drop");
            int[] counts = jdbc.batchUpdate("insert into rewrite_probe (n) values (?)",
                    List.of(new Object[] {1}, new Object[] {2}));
            return Arrays.stream(counts).allMatch(c -> c == Statement.SUCCESS_NO_INFO);
        });
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
