package jp.kasane.api.config.axon;

import jp.kasane.api.application.DeadLetters;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.api.support.ProjectionTables;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each dead-letter queue knows which cases it has parked (docs/projections.md "Dead letters"): an event of a case with
 * no letter is handled without a question to the database, even while other cases have letters parked; a case
 * parked is parked behind its letter; the letters another node parked are known once this node claims the segment.
 */
@KasaneIntegrationTest
class ParkedSequencesIntegrationTest {

    static final String GROUP = "parked-sequences-test";
    static final List<String> DEAD_LETTERING = List.of("caseload", "handoffs", "audit-chain", "statistics", "meetings",
            "people");

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ConnectionProvider connections;
    @Autowired
    TransactionManager transactions;
    @Autowired
    Serializer serializer;
    @Autowired
    ProcessorStops stops;
    @Autowired
    Api api;
    @Autowired
    DeadLetters deadLetters;

    @AfterEach
    void removeLetters() {
        jdbc.update("delete from deadletterentry where processinggroup = ?", GROUP);
    }

    @Test
    void every_dead_lettering_processor_asks_a_queue_that_knows_its_parked_cases() {
        for (String group : DEAD_LETTERING) {
            assertThat(processing.deadLetterQueue(group)).as(group).get().isInstanceOf(ParkedSequences.class);
        }
    }

    @Test
    void a_case_with_no_letter_is_answered_without_the_database_even_while_others_are_parked() {
        AtomicInteger asked = new AtomicInteger();
        ParkedSequences thisNode = new ParkedSequences(counting(jdbcQueue(), asked), GROUP, () -> jdbc,
                DeadLetterSchema.defaultSchema());

        assertThat(thisNode.enqueueIfPresent("case-a", () -> letter("case-a"))).isFalse();
        assertThat(asked).as("an empty queue").hasValue(0);

        transactions.executeInTransaction(() -> thisNode.enqueue("case-p", letter("case-p")));
        asked.set(0);
        for (int i = 0; i < 2_000; i++) {
            assertThat(thisNode.enqueueIfPresent("case-" + i, () -> letter("other"))).isFalse();
        }
        assertThat(thisNode.contains("case-b")).isFalse();
        assertThat(asked).as("2,000 cases with no letter, one parked").hasValue(0);

        assertThat(transactions.fetchInTransaction(() -> thisNode.enqueueIfPresent("case-p", () -> letter("case-p"))))
                .as("parked behind its letter").isTrue();
        assertThat(asked).as("the parked case is asked of the database").hasValue(1);
        assertThat(letters("case-p")).isEqualTo(2);

        // Retried elsewhere (the admin's retry on another node): asked once more, then forgotten.
        jdbc.update("delete from deadletterentry where processinggroup = ? and sequenceidentifier = 'case-p'", GROUP);
        assertThat(thisNode.enqueueIfPresent("case-p", () -> letter("case-p"))).isFalse();
        assertThat(thisNode.contains("case-p")).isFalse();
        assertThat(asked).as("asked once after the retry, then known free").hasValue(2);

        // Cleared, as a replay clears its group's queue: nothing is left to ask about.
        transactions.executeInTransaction(() -> thisNode.enqueue("case-q", letter("case-q")));
        transactions.executeInTransaction(thisNode::clear);
        asked.set(0);
        assertThat(thisNode.contains("case-q")).isFalse();
        assertThat(letters("case-q")).isZero();
        assertThat(asked).as("a cleared queue is known empty").hasValue(0);
    }

    @Test
    void the_letters_another_node_parked_are_known_once_learnt_again() {
        ParkedSequences thisNode = new ParkedSequences(jdbcQueue(), GROUP, () -> jdbc, DeadLetterSchema.defaultSchema());
        ParkedSequences otherNode = new ParkedSequences(jdbcQueue(), GROUP, () -> jdbc, DeadLetterSchema.defaultSchema());
        transactions.executeInTransaction(() -> otherNode.enqueue("case-1", letter("case-1")));

        assertThat(thisNode.contains("case-1")).as("read before the first answer").isTrue();
        transactions.executeInTransaction(() -> otherNode.enqueue("case-2", letter("case-2")));
        thisNode.learnParked();
        assertThat(thisNode.contains("case-2")).as("read again, as at a segment's claim").isTrue();
    }

    /**
     * The statistics processor, stopped and started (its segments released and claimed again, as when another node
     * held them meanwhile), finds a letter parked behind its back and parks the case's next event behind it, while
     * it goes on counting other cases. Axon's own cache, kept past the release, handled that event out of order.
     */
    @Test
    void a_segment_claimed_again_parks_a_case_behind_a_letter_parked_meanwhile() {
        ProjectionTables projections = new ProjectionTables(jdbc, processing, stops);
        Api.OpenedCase parked = api.open8050("demo-houkatsu-north");
        consult(parked.caseId());
        projections.awaitCaughtUp(Duration.ofSeconds(20));

        StreamingEventProcessor statistics = processing.eventProcessor("statistics", StreamingEventProcessor.class)
                .orElseThrow();
        stops.stop(statistics);
        JdbcSequencedDeadLetterQueue<EventMessage<?>> otherNode = JdbcSequencedDeadLetterQueue.builder()
                .processingGroup("statistics").connectionProvider(connections).transactionManager(transactions)
                .genericSerializer(serializer).eventSerializer(serializer).build();
        try {
            transactions.executeInTransaction(() -> otherNode.enqueue(parked.caseId(), letter(parked.caseId())));
        } finally {
            statistics.start();
        }
        try {
            consult(parked.caseId());
            Api.OpenedCase after = api.open8050("demo-houkatsu-north");
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                    "select count(*) from stats_case where case_id = ?", Integer.class, after.caseId()) == 1);
            assertThat(statisticsLetters(parked.caseId())).as("the case's consultation parked behind the letter")
                    .isEqualTo(2);

            // Retried, as an operator would: the consultation is counted, so the read model is whole for other tests.
            String first = jdbc.queryForObject("select deadletteridentifier from deadletterentry where processinggroup"
                    + " = 'statistics' and sequenceidentifier = ? order by sequenceindex limit 1", String.class, parked.caseId());
            assertThat(deadLetters.retry(first).handled()).isTrue();
            assertThat(statisticsLetters(parked.caseId())).as("retried: the whole sequence handled").isZero();
        } finally {
            jdbc.update("delete from deadletterentry where processinggroup = 'statistics' and sequenceidentifier = ?",
                    parked.caseId());
        }
    }

    private int statisticsLetters(String caseId) {
        Integer n = jdbc.queryForObject("select count(*) from deadletterentry where processinggroup = 'statistics'"
                + " and sequenceidentifier = ?", Integer.class, caseId);
        return n == null ? 0 : n;
    }

    private void consult(String caseId) {
        assertThat(api.post("demo-houkatsu-north", "/api/v1/cases/" + caseId + "/consultations", Map.of(
                "occurredAt", "2026-04-10T01:00:00Z", "channel", "PHONE", "summary", "電話相談",
                "issues", List.of("HIKIKOMORI"))).status()).isEqualTo(201);
    }

    private JdbcSequencedDeadLetterQueue<EventMessage<?>> jdbcQueue() {
        return JdbcSequencedDeadLetterQueue.builder().processingGroup(GROUP).connectionProvider(connections)
                .transactionManager(transactions).genericSerializer(serializer).eventSerializer(serializer).build();
    }

    private static GenericDeadLetter<EventMessage<?>> letter(String caseId) {
        return new GenericDeadLetter<>(caseId, GenericEventMessage.asEventMessage("parked " + UUID.randomUUID()),
                new IllegalStateException("a table refused it"));
    }

    private int letters(String caseId) {
        Integer n = jdbc.queryForObject("select count(*) from deadletterentry where processinggroup = ? "
                + "and sequenceidentifier = ?", Integer.class, GROUP, caseId);
        return n == null ? 0 : n;
    }

    /** The queue, counting the questions whether a case is parked that reach it (its database). */
    @SuppressWarnings("unchecked")
    private static SequencedDeadLetterQueue<EventMessage<?>> counting(SequencedDeadLetterQueue<EventMessage<?>> queue,
                                                                       AtomicInteger asked) {
        return (SequencedDeadLetterQueue<EventMessage<?>>) Proxy.newProxyInstance(
                ParkedSequencesIntegrationTest.class.getClassLoader(), new Class<?>[]{SequencedDeadLetterQueue.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("contains") || method.getName().equals("enqueueIfPresent")) {
                        asked.incrementAndGet();
                    }
                    try {
                        return method.invoke(queue, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
