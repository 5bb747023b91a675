package jp.kasane.projections;

import org.axonframework.messaging.InterceptorChain;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Objects;

/**
 * Runs one event's handler inside a savepoint of the processor's transaction. PostgreSQL refuses every statement
 * after a failed one until the transaction ends; without the savepoint, an event the tables cannot hold would leave
 * the transaction unusable, so its dead letter and the processor's token could not be written and the processor would
 * stop on that event for good. With it, the failed handler's statements are rolled back alone, the event goes to the
 * processor's dead-letter queue (docs/projections.md), and the batch commits.
 */
public final class Savepoint {

    private final TransactionTemplate nested;

    public Savepoint(JdbcTemplate jdbc) {
        nested = new TransactionTemplate(new DataSourceTransactionManager(Objects.requireNonNull(jdbc.getDataSource())));
        nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Proceeds with the handler in a savepoint; a failure rolls back to it and is rethrown as it was. */
    public Object around(InterceptorChain chain) throws Exception {
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
        }
    }

    private static final class Checked extends RuntimeException {
        Checked(Exception cause) {
            super(cause);
        }
    }
}
