package jp.kasane.api.audit;

import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.OpenedCase;
import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.api.support.RewritingConnections;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit chain links a processor's batch of events together when the batch commits: each event to the one before
 * it in its case, whether that one was chained in an earlier batch or a moment ago in the same one; and a batch
 * delivered again changes no link, also when the driver sends the batch's inserts as one statement.
 */
@KasaneIntegrationTest
class AuditChainBatchTest {

    private static final String NORTH = "demo-houkatsu-north";

    @Autowired
    Api api;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditChainProjection chain;
    @Autowired
    EventStore eventStore;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    DataSource dataSource;

    @Test
    void a_burst_of_writes_to_several_cases_is_chained_link_by_link() {
        List<String> cases = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            cases.add(api.open8050(NORTH).caseId());
        }
        for (int i = 0; i < 12; i++) {
            for (String caseId : cases) {
                api.post(NORTH, "/api/v1/cases/" + caseId + "/consultations", Map.of("occurredAt",
                        "2026-04-10T01:00:00Z", "channel", "PHONE", "summary", "電話 " + i));
            }
        }
        for (String caseId : cases) {
            int stored = api.eventCount(caseId);
            awaitChained(caseId, stored);
            assertLinked(caseId, stored);
        }
    }

    @Test
    void a_batch_delivered_again_changes_no_link() {
        OpenedCase c = chainedCase("再送");
        int stored = api.eventCount(c.caseId());
        List<Map<String, Object>> before = links(c.caseId());

        List<EventMessage<?>> events = new ArrayList<>();
        eventStore.readEvents(c.caseId()).asStream().forEach(events::add);
        // Chained before: the batch is refused at its end, and runs again event by event, as the processor does.
        assertThat(deliver(events)).as("a batch whose links exist is refused").isFalse();
        assertThat(deliver(events)).as("event by event, each finds its link there").isTrue();

        assertThat(links(c.caseId())).isEqualTo(before);
        assertLinked(c.caseId(), stored);
    }

    @Test
    void a_batch_partly_chained_before_is_refused_when_the_driver_rewrites_batched_inserts() {
        OpenedCase c = chainedCase("書換");
        int stored = api.eventCount(c.caseId());
        List<Map<String, Object>> before = links(c.caseId());
        List<EventMessage<?>> events = new ArrayList<>();
        eventStore.readEvents(c.caseId()).asStream().forEach(events::add);
        // Every other link gone, so that each group of rows the driver sends as one statement has new ones and old ones.
        jdbc.update("DELETE FROM audit_chain WHERE aggregate_identifier = ? AND sequence_number % 2 = 0", c.caseId());

        try (RewritingConnections rewriting = new RewritingConnections(dataSource)) {
            AuditChainProjection onRewriting = new AuditChainProjection(rewriting.jdbc);
            assertThat(deliver(onRewriting, rewriting.transactionManager, events))
                    .as("a batch with links that exist is refused, though the driver gives no row counts").isFalse();
            assertThat(deliver(onRewriting, rewriting.transactionManager, events)).isTrue();
        }

        assertThat(links(c.caseId())).isEqualTo(before);
        assertLinked(c.caseId(), stored);
    }

    /** A case opened and consulted four times, every one of its events chained. */
    private OpenedCase chainedCase(String summary) {
        OpenedCase c = api.open8050(NORTH);
        for (int i = 0; i < 4; i++) {
            api.post(NORTH, "/api/v1/cases/" + c.caseId() + "/consultations", Map.of("occurredAt",
                    "2026-04-10T01:00:00Z", "channel", "PHONE", "summary", summary + " " + i));
        }
        awaitChained(c.caseId(), api.eventCount(c.caseId()));
        return c;
    }

    private boolean deliver(List<EventMessage<?>> events) {
        return deliver(chain, transactionManager, events);
    }

    /** The events handled in one batching unit of work on one transaction, as the audit chain's processor does. */
    private static boolean deliver(AuditChainProjection chain, PlatformTransactionManager transactionManager,
                                   List<EventMessage<?>> events) {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(events);
        unitOfWork.attachTransaction(new SpringTransactionManager(transactionManager));
        var result = unitOfWork.executeWithResult(() -> chain.inSavepoint(() -> {
            EventMessage<?> event = unitOfWork.getMessage();
            chain.on(event.getPayload(), event);
            return null;
        }));
        return !result.isExceptional();
    }

    private void assertLinked(String caseId, int events) {
        List<Map<String, Object>> links = links(caseId);
        assertThat(links).hasSize(events);
        assertThat(links.get(0).get("previous_hash")).isNull();
        for (int i = 1; i < links.size(); i++) {
            assertThat(links.get(i).get("sequence_number")).isEqualTo((long) i);
            assertThat(links.get(i).get("previous_hash")).as("link %d of %s", i, caseId)
                    .isEqualTo(links.get(i - 1).get("hash"));
        }
    }

    private List<Map<String, Object>> links(String caseId) {
        return jdbc.queryForList("SELECT sequence_number, hash, previous_hash FROM audit_chain "
                + "WHERE aggregate_identifier = ? ORDER BY sequence_number", caseId);
    }

    private void awaitChained(String caseId, int events) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM audit_chain WHERE aggregate_identifier = ?", Integer.class, caseId) >= events);
    }
}
