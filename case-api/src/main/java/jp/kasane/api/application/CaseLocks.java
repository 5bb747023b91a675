package jp.kasane.api.application;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.ResultSet;
import java.util.Collection;
import java.util.TreeSet;

/**
 * Per-case locks in PostgreSQL (transaction-scoped advisory locks, so every node of a deployment shares them), taken
 * before a request loads a case. A write holds its cases exclusively, so writers on one case queue instead of
 * colliding at the event store's (aggregate, sequence) constraint; a read holds its case shared, so reads never wait
 * for each other but never decide on a state a concurrent write is about to change: a read is decided either before
 * a consent withdrawal commits or after it, never between its check and its ledger line (docs/access-model.md).
 * Several ids are locked in one sorted order, so two requests never wait for each other in a circle.
 * <p>
 * With each lock comes the case's last stored sequence number, read after the lock is held (a statement of its own,
 * so it sees every write that committed before): {@link LoadedCases} uses a case it kept only at that version. Both
 * statements go in one round trip.
 */
@Component
public class CaseLocks {

    private static final String STORED_VERSION =
            "; select max(sequencenumber) from domainevententry where aggregateidentifier = ?";

    private final JdbcTemplate jdbc;
    private final LoadedCases loaded;

    public CaseLocks(JdbcTemplate jdbc, LoadedCases loaded) {
        this.jdbc = jdbc;
        this.loaded = loaded;
    }

    /** Exclusive locks on every id, until the current transaction ends. */
    public void forWriting(Collection<String> ids) {
        requireTransaction();
        for (String id : new TreeSet<>(ids)) {
            lock("select pg_advisory_xact_lock(hashtextextended(?, 0))", id);
        }
    }

    public void forWriting(String id) {
        forWriting(java.util.List.of(id));
    }

    /** A shared lock on one id, until the current transaction ends. */
    public void forReading(String id) {
        requireTransaction();
        lock("select pg_advisory_xact_lock_shared(hashtextextended(?, 0))", id);
    }

    private void lock(String lockStatement, String id) {
        long stored = jdbc.execute(lockStatement + STORED_VERSION, (PreparedStatementCallback<Long>) statement -> {
            statement.setString(1, id);
            statement.setString(2, id);
            statement.execute();
            if (!statement.getMoreResults()) {
                throw new IllegalStateException("no stored version after the lock of a case");
            }
            try (ResultSet rs = statement.getResultSet()) {
                rs.next();
                long version = rs.getLong(1);
                return rs.wasNull() ? -1L : version;
            }
        });
        loaded.locked(id, stored);
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A case lock outside a transaction would be released at once");
        }
    }
}
