package jp.kasane.api.projections;

import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.projections.Savepoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A projection's handler failing inside a batch ({@link Savepoint}): the first time, the whole batch commits nothing
 * (so the processor runs it again); on that second run each handler has its own savepoint, so the failed one's
 * writes are undone alone and the rest of the batch commits. A handler that fails after writing never leaves half of
 * its writes behind.
 */
@KasaneIntegrationTest
class SavepointTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void a_failure_rolls_back_the_batch_then_the_batch_runs_again_with_a_savepoint_per_event() {
        jdbc.execute("create table if not exists savepoint_probe (id text primary key)");
        Savepoint savepoint = new Savepoint(jdbc);
        TransactionTemplate batch = new TransactionTemplate(transactionManager);
        String before = UUID.randomUUID().toString();
        String failing = UUID.randomUUID().toString();
        try {
            runTwice(savepoint, batch, before, failing);
        } finally {
            jdbc.execute("drop table savepoint_probe");
        }
    }

    private void runTwice(Savepoint savepoint, TransactionTemplate batch, String before, String failing) {

        // The first run: the event before the failing one is handled, the failing one writes then throws.
        assertThatThrownBy(() -> batch.executeWithoutResult(status -> {
            handle(savepoint, before, false);
            handle(savepoint, failing, true);
        })).isInstanceOf(UnexpectedRollbackException.class);
        assertThat(rows(before)).as("the batch committed nothing").isZero();
        assertThat(rows(failing)).isZero();
        assertThat(savepoint.careful()).isTrue();

        // The run again: the failing event's writes are undone alone, the batch commits.
        batch.executeWithoutResult(status -> {
            handle(savepoint, before, false);
            handle(savepoint, failing, true);
        });
        assertThat(rows(before)).isEqualTo(1);
        assertThat(rows(failing)).as("the failed handler's own write is undone").isZero();
    }

    /** A handler that writes its row, then fails if told to (its failure is what the dead-letter queue would park). */
    private void handle(Savepoint savepoint, String id, boolean fail) {
        try {
            savepoint.around(() -> {
                jdbc.update("insert into savepoint_probe (id) values (?)", id);
                if (fail) {
                    throw new IllegalStateException("this event cannot be projected");
                }
                return null;
            });
        } catch (IllegalStateException e) {
            // parked by the dead-letter queue in the processor; the batch goes on
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private int rows(String id) {
        return jdbc.queryForObject("select count(*) from savepoint_probe where id = ?", Integer.class, id);
    }
}
