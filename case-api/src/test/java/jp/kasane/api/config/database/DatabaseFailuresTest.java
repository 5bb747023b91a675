package jp.kasane.api.config.database;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures mean "the database is not there now" (a 503), and which do not (a 500 or a 409 elsewhere). */
class DatabaseFailuresTest {

    @Test
    void a_dead_connection_and_a_server_shutting_down_are_unavailable() {
        assertThat(DatabaseFailures.isUnavailable(new DataAccessResourceFailureException("JDBC commit",
                new SQLException("terminating connection due to unexpected postmaster exit", "57P01")))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(new SQLException("An I/O error occurred", "08006"))).isTrue();
    }

    @Test
    void a_failed_rollback_after_the_connection_died_is_judged_by_what_failed_first() {
        // What Spring throws when the postmaster dies mid-transaction: the rollback fails on Hikari's closed
        // connection (no SQLState), and the original failure is kept as the application exception.
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed", "XX000"));
        assertThat(DatabaseFailures.isUnavailable(rollbackFailed)).as("nothing to judge by yet").isFalse();

        rollbackFailed.initApplicationException(new DataAccessResourceFailureException("PreparedStatementCallback",
                new SQLException("terminating connection due to unexpected postmaster exit", "57P01")));
        assertThat(DatabaseFailures.isUnavailable(rollbackFailed)).isTrue();

        TransactionSystemException afterABug = new TransactionSystemException("JDBC rollback failed",
                new SQLException("could not roll back", "XX000"));
        afterABug.initApplicationException(new DataIntegrityViolationException("duplicate key"));
        assertThat(DatabaseFailures.isUnavailable(afterABug)).as("a bug stays a bug").isFalse();
    }

    @Test
    void a_failed_commit_whose_rollback_met_hikaris_closed_connection_is_unavailable() {
        // Spring keeps no original for a failed commit; Hikari closes its proxy only after a fatal connection error.
        assertThat(DatabaseFailures.isUnavailable(new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed")))).isTrue();
    }
}
