package jp.kasane.projections;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

/**
 * Empties a read model's tables when its replay starts, in the reset's transaction.
 * <p>
 * {@code TRUNCATE} gives the replay fresh tables and indexes. After a {@code DELETE} every row the replay writes lands
 * beside its dead predecessor with the same key until autovacuum comes: each unique check visits the dead row, and the
 * tables and indexes grow to twice their size. Refilling 60,000 rows took 20-30 % longer after a {@code DELETE} than
 * after a {@code TRUNCATE} (docs/benchmarks.md).
 * <p>
 * But {@code TRUNCATE} takes the tables for itself ({@code ACCESS EXCLUSIVE}), where {@code DELETE} lets reads go on.
 * So it first locks all of them in one statement that waits at most {@value #LOCK_WAIT_MS} ms, in a savepoint: a read
 * waits at most that long for the reset, and a read holding one table while waiting for another can never deadlock
 * with it (PostgreSQL looks for deadlocks only after a second; the lock attempt has given up and released what it held
 * long before). After {@value #ATTEMPTS} refused attempts the rows are deleted, as they always were; so too when the
 * database role may delete but not truncate (a warning says so). Outside a transaction there is no savepoint to
 * retreat to, so the rows are deleted too.
 */
public final class ReplayTables {

    static final int LOCK_WAIT_MS = 50;
    static final int ATTEMPTS = 3;

    /** PostgreSQL's "lock_not_available" (the lock attempt timed out) and "deadlock_detected". */
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String DEADLOCK = "40P01";
    /** PostgreSQL's "insufficient_privilege": a role that may delete rows but not truncate. */
    private static final String NO_PRIVILEGE = "42501";

    private static final Logger log = LoggerFactory.getLogger(ReplayTables.class);

    private ReplayTables() {
    }

    /** Empties {@code tables} (names from our own schema, never from input): truncated if it can, else deleted. */
    public static void empty(JdbcTemplate jdbc, String... tables) {
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) con -> truncated(con, tables)))) {
            return;
        }
        for (String table : tables) {
            jdbc.update("delete from " + table);
        }
    }

    private static boolean truncated(Connection con, String[] tables) throws SQLException {
        String list = String.join(", ", tables);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Savepoint before = con.setSavepoint();
            try (Statement s = con.createStatement()) {
                s.execute("set local lock_timeout = '" + LOCK_WAIT_MS + "ms'");
                s.execute("lock table " + list + " in access exclusive mode");
                s.execute("set local lock_timeout to default");
                s.execute("truncate table " + list);
                con.releaseSavepoint(before);
                return true;
            } catch (SQLException e) {
                boolean notAllowed = NO_PRIVILEGE.equals(e.getSQLState());
                if (!notAllowed && !LOCK_NOT_AVAILABLE.equals(e.getSQLState()) && !DEADLOCK.equals(e.getSQLState())) {
                    throw e;
                }
                con.rollback(before); // releases whatever the attempt had locked, and its lock_timeout
                if (notAllowed) {
                    log.warn("Replay of {}: this database role may not truncate them, so their rows are deleted "
                            + "(slower: grant TRUNCATE, docs/projections.md)", list);
                    return false;
                }
            }
        }
        return false;
    }
}
