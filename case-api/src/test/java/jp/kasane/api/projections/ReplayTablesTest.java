package jp.kasane.api.projections;

import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.projections.ReplayTables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replay's tables emptied ({@link ReplayTables}): truncated, so the replay writes into fresh tables and indexes
 * rather than beside the dead rows a delete leaves; but never at the price of a read: a read holding a table keeps it,
 * waits at most a moment, and never fails, and the rows are then deleted instead, as they are for a database role
 * that may delete but not truncate.
 */
@KasaneIntegrationTest
class ReplayTablesTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactionManager;

    @BeforeEach
    void tables() {
        for (String table : new String[]{"replay_probe_a", "replay_probe_b"}) {
            jdbc.execute("create table " + table + " (id text primary key, at timestamptz)");
            jdbc.execute("create index on " + table + " (at)");
            jdbc.update("insert into " + table + " select 'row-' || i, now() from generate_series(1, 1000) i");
        }
    }

    @AfterEach
    void drop() {
        jdbc.execute("drop table if exists replay_probe_a, replay_probe_b");
    }

    @Test
    void a_replay_starts_on_fresh_tables() {
        long fileBefore = file("replay_probe_a");

        inTransaction(() -> ReplayTables.empty(jdbc, "replay_probe_a", "replay_probe_b"));

        assertThat(rows("replay_probe_a")).isZero();
        assertThat(rows("replay_probe_b")).isZero();
        assertThat(file("replay_probe_a")).as("truncated: a new, empty file").isNotEqualTo(fileBefore);
        jdbc.update("insert into replay_probe_a values ('row-1', now())"); // the same key again, as a replay writes it
        assertThat(rows("replay_probe_a")).isEqualTo(1);
    }

    @Test
    void a_read_holding_a_table_keeps_it_and_the_rows_are_deleted_instead() throws Exception {
        long fileBefore = file("replay_probe_b");
        try (Connection reader = dataSource.getConnection()) {
            reader.setAutoCommit(false);
            assertThat(count(reader, "replay_probe_b")).isEqualTo(1000); // holds the table until it commits

            long started = System.nanoTime();
            inTransaction(() -> ReplayTables.empty(jdbc, "replay_probe_a", "replay_probe_b"));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).as("gave up on the lock within its attempts").isLessThan(Duration.ofSeconds(1));
            assertThat(count(reader, "replay_probe_a")).as("the read goes on, now seeing the rows deleted").isZero();
            reader.commit();
        }
        assertThat(rows("replay_probe_a")).isZero();
        assertThat(rows("replay_probe_b")).isZero();
        assertThat(file("replay_probe_b")).as("deleted, not truncated").isEqualTo(fileBefore);
    }

    /**
     * The order that deadlocks a plain {@code TRUNCATE}: the read holds b and then asks for a, while the reset holds a
     * and asks for b. PostgreSQL would end one of them after a second, perhaps the read; the reset gives up first.
     */
    @Test
    void a_read_asking_for_a_table_the_reset_holds_never_fails() throws Exception {
        for (int round = 0; round < 5; round++) {
            CountDownLatch holdsB = new CountDownLatch(1);
            CompletableFuture<Long> read = CompletableFuture.supplyAsync(() -> {
                try (Connection reader = dataSource.getConnection()) {
                    reader.setAutoCommit(false);
                    count(reader, "replay_probe_b");
                    holdsB.countDown();
                    Thread.sleep(20); // the reset is locking a by now, and waiting for b
                    long a = count(reader, "replay_probe_a");
                    reader.commit();
                    return a;
                } catch (SQLException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(holdsB.await(5, TimeUnit.SECONDS)).isTrue();
            inTransaction(() -> ReplayTables.empty(jdbc, "replay_probe_a", "replay_probe_b"));

            assertThat(read.get(5, TimeUnit.SECONDS)).as("the read answered").isNotNegative();
            assertThat(rows("replay_probe_a")).isZero();
            assertThat(rows("replay_probe_b")).isZero();
            jdbc.update("insert into replay_probe_a select 'row-' || i, now() from generate_series(1, 10) i");
            jdbc.update("insert into replay_probe_b select 'row-' || i, now() from generate_series(1, 10) i");
        }
    }

    @Test
    void a_role_that_may_delete_but_not_truncate_deletes() {
        long fileBefore = file("replay_probe_a");
        jdbc.execute("drop role if exists replay_probe_deleter");
        jdbc.execute("create role replay_probe_deleter");
        try {
            jdbc.execute("grant select, delete on replay_probe_a, replay_probe_b to replay_probe_deleter");

            inTransaction(() -> {
                jdbc.execute("set local role replay_probe_deleter");
                ReplayTables.empty(jdbc, "replay_probe_a", "replay_probe_b");
            });

            assertThat(rows("replay_probe_a")).isZero();
            assertThat(rows("replay_probe_b")).isZero();
            assertThat(file("replay_probe_a")).as("deleted, not truncated").isEqualTo(fileBefore);
        } finally {
            jdbc.execute("drop owned by replay_probe_deleter");
            jdbc.execute("drop role replay_probe_deleter");
        }
    }

    @Test
    void outside_a_transaction_the_rows_are_deleted() {
        long fileBefore = file("replay_probe_a");

        ReplayTables.empty(jdbc, "replay_probe_a");

        assertThat(rows("replay_probe_a")).isZero();
        assertThat(file("replay_probe_a")).isEqualTo(fileBefore);
    }

    private void inTransaction(Runnable work) {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> work.run());
    }

    private long rows(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    private long file(String table) {
        return jdbc.queryForObject("select pg_relation_filenode(?::regclass)", Long.class, table);
    }

    private static long count(Connection con, String table) throws SQLException {
        try (Statement s = con.createStatement(); ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
