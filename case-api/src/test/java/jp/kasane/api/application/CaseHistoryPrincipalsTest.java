package jp.kasane.api.application;

import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The principal of a case this node opened is known without reading the case's stream, once the opening commits;
 * an opening that rolls back is forgotten, and the case is then looked up in the store (where it does not exist).
 */
class CaseHistoryPrincipalsTest {

    private final EventStore store = mock(EventStore.class);
    private final CaseHistory history = new CaseHistory(store);

    @AfterEach
    void endTransaction() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void an_opening_that_commits_needs_no_read_of_the_stream() {
        TransactionSynchronizationManager.initSynchronization();
        history.opening("case-1", "person-1");
        end(true);

        assertThat(history.principalOf("case-1")).contains("person-1");
        verify(store, never()).readEvents(anyString(), anyLong());
    }

    @Test
    void an_opening_that_rolls_back_is_forgotten() {
        when(store.readEvents("case-2", 0)).thenReturn(DomainEventStream.empty());
        TransactionSynchronizationManager.initSynchronization();
        history.opening("case-2", "person-2");
        end(false);

        assertThat(history.principalOf("case-2")).isEmpty();
        verify(store, times(1)).readEvents("case-2", 0);
    }

    private static void end(boolean committed) {
        var synchronizations = TransactionSynchronizationManager.getSynchronizations();
        TransactionSynchronizationManager.clearSynchronization();
        for (TransactionSynchronization s : synchronizations) {
            if (committed) {
                s.afterCommit();
            }
            s.afterCompletion(committed ? TransactionSynchronization.STATUS_COMMITTED
                    : TransactionSynchronization.STATUS_ROLLED_BACK);
        }
    }
}
