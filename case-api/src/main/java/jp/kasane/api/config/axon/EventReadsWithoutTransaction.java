package jp.kasane.api.config.axon;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.function.Supplier;

/**
 * The event storage engine's transactions: its writes (events, snapshots) as Axon's Spring transaction manager runs
 * them, its reads outside a transaction unless one is already running. Each read of the engine is one or two
 * statements at READ COMMITTED, each seeing the store as of its own start whether in a transaction or not, so a
 * transaction around them added only its BEGIN and COMMIT: the projections' stream reads the store after every commit
 * of a write (its fetch and, when it finds nothing new, the check for events beyond a gap), which made ~40 % of all
 * commits under a write load (docs/benchmarks.md). A read inside a request's or a projection batch's transaction
 * still joins it, on its connection.
 */
final class EventReadsWithoutTransaction implements TransactionManager {

    private final TransactionManager writes;

    EventReadsWithoutTransaction(TransactionManager writes) {
        this.writes = writes;
    }

    @Override
    public Transaction startTransaction() {
        return writes.startTransaction();
    }

    @Override
    public <T> T fetchInTransaction(Supplier<T> read) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return writes.fetchInTransaction(read);
        }
        return read.get();
    }
}
