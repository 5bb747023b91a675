package jp.kasane.projections;

import org.axonframework.messaging.InterceptorChain;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes a poison event cost only itself. PostgreSQL refuses every statement after a failed one until the transaction
 * ends; an event the tables cannot hold would leave the batch's transaction unusable, so its dead letter and the
 * processor's token could not be written and the processor would stop on that event for good.
 * <p>
 * Events are handled without a savepoint while all goes well: a savepoint and its release are two round trips per
 * event and processor, most of a replay's time (docs/benchmarks.md). When a handler fails, the whole batch's
 * transaction is marked rollback-only (so nothing of the failed handler, nor of the batch, is kept), and the
 * processor runs the batch again after its error pause; from then on, for the next {@value #CAREFUL_EVENTS} events
 * (more than a batch, {@code batch-size: 500}), each handler runs in its own savepoint. The failed handler's
 * statements are then rolled back alone, the event goes to the processor's dead-letter queue (docs/projections.md),
 * and the batch commits.
 */
public final class Savepoint {

    static final int CAREFUL_EVENTS = 1_000;

    private final DataSource dataSource;
    private final TransactionTemplate nested;
    /** Events still to handle in a savepoint each, after a failure. */
    private final AtomicInteger careful = new AtomicInteger();
    /** Whether this thread is handling an event in a savepoint of its own right now. */
    private final ThreadLocal<Boolean> inSavepoint = ThreadLocal.withInitial(() -> false);

    public Savepoint(JdbcTemplate jdbc) {
        dataSource = Objects.requireNonNull(jdbc.getDataSource());
        nested = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Proceeds with the handler; after a recent failure in a savepoint of its own (see above). */
    public Object around(InterceptorChain chain) throws Exception {
        if (careful.get() > 0) {
            careful.decrementAndGet();
            return inSavepoint(chain);
        }
        try {
            return chain.proceed();
        } catch (Exception | Error e) {
            careful.set(CAREFUL_EVENTS);
            rollBackTheBatch();
            throw e;
        }
    }

    /** Whether the next events are handled in savepoints (after a failure). */
    public boolean careful() {
        return careful.get() > 0;
    }

    /** Whether the event being handled on this thread is in a savepoint of its own, its writes to go out at once. */
    boolean handlingOneByOne() {
        return inSavepoint.get();
    }

    /** The batch failed outside any handler (its writes, at the end): the next events are handled one by one. */
    void failed() {
        careful.set(CAREFUL_EVENTS);
    }

    /** The batch commits nothing: its transaction's commit becomes a rollback, and the processor tries it again. */
    private void rollBackTheBatch() {
        if (TransactionSynchronizationManager.getResource(dataSource) instanceof ConnectionHolder holder) {
            holder.setRollbackOnly();
        }
    }

    private Object inSavepoint(InterceptorChain chain) throws Exception {
        inSavepoint.set(true);
        try {
            return nested.execute(status -> {
                try {
                    return chain.proceed();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new Checked(e);
                }
            });
        } catch (Checked e) {
            throw (Exception) e.getCause();
        } finally {
            inSavepoint.set(false);
        }
    }

    private static final class Checked extends RuntimeException {
        Checked(Exception cause) {
            super(cause);
        }
    }
}
