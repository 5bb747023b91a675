package jp.kasane.api.config.axon;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event store's reads run in no transaction of their own (no BEGIN and COMMIT around each fetch of the
 * projections' stream), join one that is running, and its writes keep theirs.
 * {@code EventStoreReadsIntegrationTest} shows the same on PostgreSQL.
 */
class EventReadsWithoutTransactionTest {

    final AtomicInteger started = new AtomicInteger();
    final TransactionManager spring = () -> {
        started.incrementAndGet();
        return new Transaction() {
            @Override
            public void commit() {
            }

            @Override
            public void rollback() {
            }
        };
    };
    final EventReadsWithoutTransaction engineTransactions = new EventReadsWithoutTransaction(spring);

    @AfterEach
    void noTransaction() {
        TransactionSynchronizationManager.setActualTransactionActive(false);
    }

    @Test
    void a_read_outside_a_transaction_starts_none() {
        assertThat(engineTransactions.fetchInTransaction(() -> 42L)).isEqualTo(42L);
        assertThat(started).hasValue(0);
    }

    @Test
    void a_read_inside_a_transaction_joins_it_through_the_spring_transaction_manager() {
        TransactionSynchronizationManager.setActualTransactionActive(true);

        assertThat(engineTransactions.fetchInTransaction(() -> 42L)).isEqualTo(42L);
        assertThat(started).hasValue(1);
    }

    @Test
    void a_write_always_runs_in_a_transaction() {
        AtomicInteger written = new AtomicInteger();
        engineTransactions.executeInTransaction(written::incrementAndGet);

        assertThat(written).hasValue(1);
        assertThat(started).hasValue(1);
    }
}
