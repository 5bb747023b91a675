package jp.kasane.api.config.axon;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jp.kasane.api.support.KasaneIntegrationTest;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event store reads outside a transaction on a pool of its own whose sessions plan generically
 * ({@link EventReadConnections}): its read of the next events was planned again at every call (docs/benchmarks.md).
 * Inside a transaction it stays on the transaction's connection, planning as PostgreSQL chooses.
 */
@KasaneIntegrationTest
class EventReadConnectionsTest {

    @Autowired
    EventReadConnections eventReads;
    @Autowired
    ConnectionProvider applicationConnections;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void outside_a_transaction_the_store_reads_on_generic_plans() throws SQLException {
        try (Connection connection = eventReads.around(applicationConnections).getConnection()) {
            assertThat(setting(connection, "plan_cache_mode")).isEqualTo("force_generic_plan");
        }
    }

    @Test
    void inside_a_transaction_it_reads_on_the_transactions_connection() {
        String[] seen = transactions.execute(status -> {
            jdbc.execute("set local application_name = 'event-reads-probe'");
            try (Connection connection = eventReads.around(applicationConnections).getConnection()) {
                return new String[] {setting(connection, "application_name"), setting(connection, "plan_cache_mode")};
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(seen).containsExactly("event-reads-probe", "auto");
    }

    @Test
    void the_pool_copies_the_main_pools_server_and_first_statement_and_leaves_them_as_they_were() {
        try (HikariDataSource main = new HikariDataSource()) {
            main.setPoolName("main");
            main.setJdbcUrl("jdbc:postgresql://db.example.invalid:5432/kasane");
            main.setUsername("kasane");
            main.addDataSourceProperty("connectTimeout", "3");
            main.setConnectionInitSql("set search_path = kasane");

            HikariConfig beside = EventReadConnections.poolBeside(main, 2);

            assertThat(beside.getJdbcUrl()).isEqualTo(main.getJdbcUrl());
            assertThat(beside.getUsername()).isEqualTo("kasane");
            assertThat(beside.getMaximumPoolSize()).isEqualTo(2);
            assertThat(beside.getDataSourceProperties()).containsEntry("connectTimeout", "3");
            assertThat(beside.getConnectionInitSql())
                    .isEqualTo("set search_path = kasane; set plan_cache_mode = force_generic_plan");
            beside.addDataSourceProperty("tcpKeepAlive", "true");
            assertThat(main.getDataSourceProperties()).doesNotContainKey("tcpKeepAlive");
            assertThat(main.getConnectionInitSql()).isEqualTo("set search_path = kasane");
        }
    }

    private static String setting(Connection connection, String name) {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select current_setting('" + name + "')")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
