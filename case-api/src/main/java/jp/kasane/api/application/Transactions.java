package jp.kasane.api.application;

import jp.kasane.core.rules.RuleViolation;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * One request, one database transaction: the commands it sends to several aggregates (a meeting and each case on
 * its agenda), the keys it creates, its ledger line and its idempotency record commit together or not at all.
 * Writers on one case queue on its lock ({@link CaseLocks}); should two appends still meet at the event store's
 * (aggregate, sequence) constraint, or PostgreSQL find a serialisation failure or a deadlock, the whole request is
 * run again on the new state, a few times with a growing, jittered pause, and only then refused as a 409 the client
 * may retry: never a 500 because another request touched the same case.
 */
@Component
public class Transactions {

    static final int ATTEMPTS = 5;
    private static final long FIRST_PAUSE_MILLIS = 5;

    private final TransactionTemplate template;

    public Transactions(PlatformTransactionManager transactionManager) {
        this.template = new TransactionTemplate(transactionManager);
    }

    public <T> T run(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return template.execute(status -> work.get());
            } catch (RuntimeException e) {
                if (!isConflict(e)) {
                    throw e;
                }
                if (attempt >= ATTEMPTS) {
                    throw new RuleViolation(RuleViolation.Kind.CONFLICT, "CONCURRENT_CHANGE",
                            "The case changed under this request too often; try again");
                }
                pause(attempt);
            }
        }
    }

    /**
     * Runs {@code action} once the running transaction has committed (never if it rolls back), or at once when no
     * transaction is running: for what only a committed write may make known (a cache entry, a reader woken).
     */
    public static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    /**
     * Whether the failure is another request's doing: Axon's concurrency check, Spring's translation of one, or, in
     * the causes, PostgreSQL's unique violation (23505, the event store's constraint), serialisation failure
     * (40001) or deadlock (40P01).
     */
    static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyException || t instanceof ConcurrencyFailureException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && Set.of("23505", "40001", "40P01").contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static void pause(int attempt) {
        long bound = FIRST_PAUSE_MILLIS << attempt;
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(bound / 2, bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to retry", e);
        }
    }
}
