package jp.kasane.api.application;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.Collection;
import java.util.TreeSet;

/**
 * Per-case locks in PostgreSQL (transaction-scoped advisory locks, so every node of a deployment shares them), taken
 * before a request loads a case. A write holds its cases exclusively, so writers on one case queue instead of
 * colliding at the event store's (aggregate, sequence) constraint; a read holds its case shared, so reads never wait
 * for each other but never decide on a state a concurrent write is about to change: a read is decided either before
 * a consent withdrawal commits or after it, never between its check and its ledger line (docs/access-model.md).
 * Several ids are locked in one sorted order, so two requests never wait for each other in a circle.
 */
@Component
public class CaseLocks {

    private final JdbcTemplate jdbc;

    public CaseLocks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Exclusive locks on every id, until the current transaction ends. */
    public void forWriting(Collection<String> ids) {
        requireTransaction();
        for (String id : new TreeSet<>(ids)) {
            jdbc.queryForObject("select pg_advisory_xact_lock(hashtextextended(?, 0)) is null", Boolean.class, id);
        }
    }

    public void forWriting(String id) {
        forWriting(java.util.List.of(id));
    }

    /** A shared lock on one id, until the current transaction ends. */
    public void forReading(String id) {
        requireTransaction();
        jdbc.queryForObject("select pg_advisory_xact_lock_shared(hashtextextended(?, 0)) is null", Boolean.class, id);
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A case lock outside a transaction would be released at once");
        }
    }
}
