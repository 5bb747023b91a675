package jp.kasane.api.config.axon;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.DeadLetterQueueOverflowException;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A processing group's dead-letter queue that knows, in memory, which sequences (cases) it has letters parked for, so
 * that an event of any other case is handled without asking the database whether its case is parked.
 * <p>
 * Before every event a dead-lettering processor asks its queue whether the event's case has a letter parked (then the
 * event is parked behind it, keeping the case's order). Axon's own cache of the answers short-cuts only while the
 * queue was empty when the segment's cache was made: with a single letter parked at start (or at a replay), every
 * event of a case it had not seen among its last 1,024 cost a query per processor and segment, and Axon kept that
 * cache past the segment's release, never learning what another node parked meanwhile. So Axon's cache is off
 * (application.yml) and this queue answers instead:
 * <ul>
 *   <li>a case known parked is asked of the database (it may have been retried meanwhile: then it is forgotten);</li>
 *   <li>a case not known parked is not parked: every letter this node parks goes through {@link #enqueue}, and the
 *       letters parked by another node are read in {@link #learnParked} when this node claims a segment, before it
 *       handles the segment's first event ({@link KnownHandlerTypes}): a segment's letters are only ever parked by the
 *       node holding it.</li>
 * </ul>
 * A case is only ever added by these, never dropped but after the database said it has no letter: knowing a case
 * parked that is not costs one query, the other way round would break its order.
 */
final class ParkedSequences implements SequencedDeadLetterQueue<EventMessage<?>> {

    private final SequencedDeadLetterQueue<EventMessage<?>> queue;
    private final Supplier<JdbcTemplate> jdbc;
    private final DeadLetterSchema schema;
    private final String processingGroup;
    private final Set<String> parked = ConcurrentHashMap.newKeySet();
    private volatile boolean learnt;

    ParkedSequences(SequencedDeadLetterQueue<EventMessage<?>> queue, String processingGroup,
                    Supplier<JdbcTemplate> jdbc, DeadLetterSchema schema) {
        this.queue = queue;
        this.processingGroup = processingGroup;
        this.jdbc = jdbc;
        this.schema = schema;
    }

    /** Reads which cases have letters parked in this group now: on a segment's claim, and before the first answer. */
    void learnParked() {
        String sql = "select distinct " + schema.sequenceIdentifierColumn() + " from " + schema.deadLetterTable()
                + " where " + schema.processingGroupColumn() + " = ?";
        parked.addAll(jdbc.get().queryForList(sql, String.class, processingGroup));
        learnt = true;
    }

    /** Whether the database must be asked: the case may be parked (Axon stores a text identifier as it is). */
    private boolean mayBeParked(Object sequenceIdentifier) {
        if (!(sequenceIdentifier instanceof String id)) {
            return true;
        }
        if (!learnt) {
            learnParked();
        }
        return parked.contains(id);
    }

    private void notParked(Object sequenceIdentifier) {
        if (sequenceIdentifier instanceof String id) {
            parked.remove(id);
        }
    }

    /** Also the question {@code enqueueIfPresent} asks (the interface's own, which then {@link #enqueue}s). */
    @Override
    public boolean contains(Object sequenceIdentifier) {
        if (!mayBeParked(sequenceIdentifier)) {
            return false;
        }
        boolean present = queue.contains(sequenceIdentifier);
        if (!present) {
            notParked(sequenceIdentifier);
        }
        return present;
    }

    @Override
    public void enqueue(Object sequenceIdentifier, DeadLetter<? extends EventMessage<?>> letter)
            throws DeadLetterQueueOverflowException {
        // Known before it is written: a failed write leaves one needless query, never a case handled out of order.
        if (sequenceIdentifier instanceof String id) {
            parked.add(id);
        }
        queue.enqueue(sequenceIdentifier, letter);
    }

    @Override
    public void evict(DeadLetter<? extends EventMessage<?>> letter) {
        queue.evict(letter);
    }

    @Override
    public void requeue(DeadLetter<? extends EventMessage<?>> letter,
                        UnaryOperator<DeadLetter<? extends EventMessage<?>>> letterUpdater) {
        queue.requeue(letter, letterUpdater);
    }

    @Override
    public Iterable<DeadLetter<? extends EventMessage<?>>> deadLetterSequence(Object sequenceIdentifier) {
        return queue.deadLetterSequence(sequenceIdentifier);
    }

    @Override
    public Iterable<Iterable<DeadLetter<? extends EventMessage<?>>>> deadLetters() {
        return queue.deadLetters();
    }

    @Override
    public boolean isFull(Object sequenceIdentifier) {
        return queue.isFull(sequenceIdentifier);
    }

    @Override
    public long size() {
        return queue.size();
    }

    @Override
    public long sequenceSize(Object sequenceIdentifier) {
        return queue.sequenceSize(sequenceIdentifier);
    }

    @Override
    public long amountOfSequences() {
        return queue.amountOfSequences();
    }

    @Override
    public boolean process(Predicate<DeadLetter<? extends EventMessage<?>>> sequenceFilter,
                           Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> task) {
        return queue.process(sequenceFilter, task);
    }

    @Override
    public boolean process(Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> task) {
        return queue.process(task);
    }

    @Override
    public void clear() {
        queue.clear();
        // Read again at the next question rather than trusted empty: the clear's transaction may yet roll back.
        parked.clear();
        learnt = false;
    }
}
