package jp.kasane.api.config.database;

import org.springframework.jdbc.CannotGetJdbcConnectionException;

import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Whether a failure means "the database is not there now" (docs/database.md "When the database fails"): no connection
 * could be had or made (SQLState class 08, a refused or timed-out socket, the pool's own time-out), or the server is
 * shutting down or starting up (57P01, 57P02, 57P03). Such a request is answered {@code 503 DATABASE_UNAVAILABLE}
 * with {@code Retry-After}, not 500: it recorded nothing, and the same request may simply be sent again. When the
 * connection dies in the middle of a transaction, the rollback fails too and Spring throws that failure
 * ({@link TransactionSystemException}, "Connection is closed", no SQLState) with the original kept as its application
 * exception: the original decides. A failed commit is rolled back the same way, but Spring keeps no original then; the
 * rollback's own failure is Hikari's "Connection is closed" (no SQLState), which Hikari gives only after it evicted the
 * connection for a fatal error, so that is judged as the database gone too. Such a commit may or may not have taken
 * effect: the answer is still 503, and a retry with the same {@code Idempotency-Key} records the write exactly once.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    public static boolean isUnavailable(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 50; depth++) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof TransactionSystemException tse && (rolledBackOnAClosedConnection(tse)
                    || tse.getApplicationException() != null && isUnavailable(tse.getApplicationException()))) {
                return true;
            }
            if (t instanceof SQLException sql && (DatabaseFailureAnalyzer.isConnectionFailure(sql) || isShutdown(sql))) {
                return true;
            }
            Throwable cause = t.getCause();
            if (cause == null && t instanceof SQLException sql) {
                cause = sql.getNextException();
            }
            t = cause == t ? null : cause;
        }
        return false;
    }

    /** Hikari's closed proxy: {@code new SQLException("Connection is closed")}, without a SQLState. */
    private static boolean rolledBackOnAClosedConnection(TransactionSystemException e) {
        return e.getCause() instanceof SQLException sql && sql.getSQLState() == null
                && "Connection is closed".equals(sql.getMessage());
    }

    private static boolean isShutdown(SQLException e) {
        String state = e.getSQLState();
        return "57P01".equals(state) || "57P02".equals(state) || "57P03".equals(state);
    }
}
