package jp.kasane.projections;

import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A projection's writes, sent to PostgreSQL once per batch of events rather than statement by statement: a processor
 * handles up to 500 events in one transaction (application.yml), and one round trip per statement was most of a
 * rebuild's time (docs/benchmarks.md). Statements are queued while the batch's events are handled and sent as JDBC
 * batches just before the batch commits, in the same transaction as the processor's token.
 * <p>
 * The order of the statements is kept where it matters: a {@linkplain #reorderable reorderable} statement (an insert
 * that does nothing on conflict, an upsert keeping the least value) may be sent together with the other statements of
 * its SQL queued before the next {@linkplain #inOrder in-order} one; an in-order statement (an update of a row an
 * earlier event inserted) is sent after every statement queued before it. What a projection {@linkplain #collect
 * collects} over the batch (the last state of each case) is written after the queued statements. A replayed event's
 * rows of an {@linkplain #insert insert-only table} go out by one {@code COPY} per table, in the place of the table's
 * inserts among the batch's statements.
 * <p>
 * Outside a batch, and while {@link Savepoint} handles events one by one after a failure, every write is sent at once,
 * in the handler's savepoint, so a poison event still fails alone. A batch whose writes fail is rolled back and
 * handled again one by one.
 */
public final class ProjectionWrites {

    /** A statement, or with {@code copyInto} a row of an insert-only table a replay may send by COPY. */
    private record Statement(String sql, Object[] args, boolean reorderable, InsertOnlyTable copyInto) {

        /** What the statement is sent together with: the other rows of its COPY, else the other runs of its SQL. */
        Object group() {
            return copyInto != null ? copyInto : sql;
        }
    }

    /** What one batch has queued; a resource of the batch's unit of work. */
    private static final class Batch {
        final List<Statement> statements = new ArrayList<>();
        final Map<Object, Runnable> collected = new LinkedHashMap<>();
    }

    private final JdbcTemplate jdbc;
    private final Savepoint savepoint;
    private static final AtomicLong INSTANCES = new AtomicLong();

    /** This projection's queue among the batch's resources: one name per instance (a hash code could be shared). */
    private final String resource = "kasane.projection-writes." + INSTANCES.incrementAndGet();

    public ProjectionWrites(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.savepoint = new Savepoint(jdbc);
    }

    /** Proceeds with the event's handler, in a savepoint of its own after a recent failure (see {@link Savepoint}). */
    public Object around(InterceptorChain chain) throws Exception {
        return savepoint.around(chain);
    }

    /** A statement whose rows do not depend on the order it runs in among the batch's other reorderable ones. */
    public void reorderable(String sql, Object... args) {
        queue(new Statement(sql, args, true, null));
    }

    /** A statement that must run after every statement queued before it. */
    public void inOrder(String sql, Object... args) {
        queue(new Statement(sql, args, false, null));
    }

    /**
     * A row of an insert-only table, reorderable as an insert doing nothing on conflict. Of a replayed event, in a batch,
     * it goes out with the batch's other rows for the table by one {@code COPY} ({@link CopyRows}): the replay's reset
     * emptied the table, and a batch commits together with its token, so no replayed row can be there already. Were one
     * there all the same, the {@code COPY} would fail, and the batch run again event by event, each row inserted as it
     * is live.
     */
    public void insert(InsertOnlyTable table, Object... values) {
        boolean copy = CurrentUnitOfWork.isStarted() && ReplayToken.isReplay(CurrentUnitOfWork.get().getMessage());
        queue(new Statement(table.insertSql(), values, true, copy ? table : null));
    }

    /**
     * Adds this event's part to what the batch collects: {@code create} makes the collection on the batch's first use,
     * {@code add} puts the event's part in, and {@code write} writes the whole collection at the end of the batch.
     * Outside a batch, the collection holds this event's part alone and is written at once.
     */
    public <T> void collect(Object key, Supplier<T> create, Consumer<T> add, Consumer<T> write) {
        Batch batch = batch();
        if (batch == null) {
            T single = create.get();
            add.accept(single);
            write.accept(single);
            return;
        }
        @SuppressWarnings("unchecked")
        Holder<T> holder = (Holder<T>) batch.collected.computeIfAbsent(key, k -> new Holder<>(create.get(), write));
        add.accept(holder.value);
    }

    private static final class Holder<T> implements Runnable {
        final T value;
        final Consumer<T> write;

        Holder(T value, Consumer<T> write) {
            this.value = value;
            this.write = write;
        }

        @Override
        public void run() {
            write.accept(value);
        }
    }

    private void queue(Statement statement) {
        Batch batch = batch();
        if (batch == null) {
            jdbc.update(statement.sql(), statement.args());
        } else {
            batch.statements.add(statement);
        }
    }

    /** The current batch's queue, or null when writes go out at once. */
    private Batch batch() {
        if (!CurrentUnitOfWork.isStarted() || savepoint.handlingOneByOne()) {
            return null;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(resource, key -> {
            Batch batch = new Batch();
            unitOfWork.onPrepareCommit(u -> flush(batch));
            return batch;
        });
    }

    private void flush(Batch batch) {
        try {
            send(batch.statements);
            batch.collected.values().forEach(Runnable::run);
        } catch (RuntimeException | Error e) {
            savepoint.failed();
            throw e;
        }
    }

    /** Reorderable statements grouped by SQL up to the next in-order one; in-order ones in runs of the same SQL. */
    private void send(List<Statement> statements) {
        Map<Object, List<Object[]>> reorderable = new LinkedHashMap<>();
        String orderedSql = null;
        List<Object[]> ordered = new ArrayList<>();
        for (Statement s : statements) {
            if (s.reorderable()) {
                if (orderedSql != null) {
                    jdbc.batchUpdate(orderedSql, ordered);
                    orderedSql = null;
                    ordered = new ArrayList<>();
                }
                reorderable.computeIfAbsent(s.group(), k -> new ArrayList<>()).add(s.args());
            } else {
                if (!reorderable.isEmpty()) {
                    reorderable.forEach(this::sendGroup);
                    reorderable.clear();
                }
                if (orderedSql != null && !orderedSql.equals(s.sql())) {
                    jdbc.batchUpdate(orderedSql, ordered);
                    ordered = new ArrayList<>();
                }
                orderedSql = s.sql();
                ordered.add(s.args());
            }
        }
        reorderable.forEach(this::sendGroup);
        if (orderedSql != null) {
            jdbc.batchUpdate(orderedSql, ordered);
        }
    }

    private void sendGroup(Object group, List<Object[]> rows) {
        if (group instanceof InsertOnlyTable table) {
            table.copy().send(jdbc, rows);
        } else {
            jdbc.batchUpdate((String) group, rows);
        }
    }
}
