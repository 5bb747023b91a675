package jp.kasane.api.config.axon;

import jp.kasane.api.support.Api;
import jp.kasane.api.support.KasaneIntegrationTest;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event store on PostgreSQL with its reads outside transactions ({@link EventReadsWithoutTransaction}): the
 * stream reads what is committed; a read inside a transaction runs on that transaction's connection, so it sees what
 * the transaction wrote and has not committed.
 */
@KasaneIntegrationTest
class EventStoreReadsIntegrationTest {

    @Autowired
    EventStorageEngine engine;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    Api api;

    @Test
    void the_stream_read_outside_a_transaction_reads_the_committed_events() {
        String caseId = api.open8050("demo-houkatsu-north").caseId();

        List<? extends TrackedEventMessage<?>> events = engine.readEvents(null, false)
                .filter(e -> e instanceof org.axonframework.eventhandling.DomainEventMessage<?> d
                        && d.getAggregateIdentifier().equals(caseId))
                .limit(1).toList();

        assertThat(events).hasSize(1);
    }

    @Test
    void a_read_inside_a_transaction_sees_what_it_wrote_and_nothing_of_it_stays_after_a_rollback() {
        String stream = "read-probe-" + UUID.randomUUID();
        Boolean seen = transactions.execute(status -> {
            jdbc.update("insert into domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, "
                    + "payload, payloadtype, timestamp) values (?, 0, 'Probe', ?, '\\x7b7d'::bytea, 'kasane.Probe', "
                    + "'2026-01-01T00:00:00Z')", stream, stream);
            boolean found = engine.lastSequenceNumberFor(stream).isPresent();
            status.setRollbackOnly();
            return found;
        });

        assertThat(seen).as("the read ran on the transaction's connection").isTrue();
        assertThat(engine.lastSequenceNumberFor(stream)).as("outside it, after the rollback").isEmpty();
    }
}
