package jp.kasane.api.application;

import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.function.Supplier;

/**
 * One request, one database transaction: the commands it sends to several aggregates (a meeting and each case on
 * its agenda), the keys it creates and its idempotency record commit together or not at all. Two writers racing
 * on one case meet at the event store's (aggregate, sequence) constraint; the loser is run again on the new state.
 */
@Component
public class Transactions {

    static final int ATTEMPTS = 4;

    private final TransactionTemplate template;

    public Transactions(PlatformTransactionManager transactionManager) {
        this.template = new TransactionTemplate(transactionManager);
    }

    public <T> T run(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return template.execute(status -> work.get());
            } catch (ConcurrencyException | ConcurrencyFailureException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
