package jp.kasane.api.config.axon;

import jp.kasane.api.support.Api;
import jp.kasane.api.support.KasaneIntegrationTest;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On PostgreSQL: the stream following the head reads the new events in one statement and ends there, where Axon's
 * read again (and looked past a gap) to find nothing; it still reads every event, across full batches; the
 * processors' own streams read as Axon's, and share the payloads of the events read lately, each at its own position,
 * and the full batches read lately from the same position, never a short one.
 */
@KasaneIntegrationTest
class HeadFollowingStorageEngineTest {

    @Autowired
    ConnectionProvider connections;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer serializer;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Api api;

    @Test
    void following_the_head_the_new_events_take_one_read() {
        List<Long> newest = lastIndexes(6);
        CountingEngine engine = engine(100);

        List<Long> read = indexes(engine.readEvents(before(newest), true).toList());

        assertThat(read).containsExactlyElementsOf(newest.subList(1, newest.size()));
        assertThat(engine.fetches).as("reads of the event table").hasValue(1);
    }

    @Test
    void the_processors_own_streams_read_as_axon_reads_them() {
        List<Long> newest = lastIndexes(6);
        CountingEngine engine = engine(100);

        List<Long> read = indexes(engine.readEvents(before(newest), false).toList());

        assertThat(read).containsExactlyElementsOf(newest.subList(1, newest.size()));
        assertThat(engine.fetches).as("Axon's stream reads until a read finds nothing").hasValue(2);
    }

    @Test
    void full_batches_are_read_on_until_a_short_one() {
        List<Long> newest = lastIndexes(6);
        CountingEngine engine = engine(2);

        List<Long> read = indexes(engine.readEvents(before(newest), true).toList());

        assertThat(read).containsExactlyElementsOf(newest.subList(1, newest.size()));
    }

    @Test
    void the_processors_own_streams_share_the_payloads_of_events_read_lately() {
        List<Long> newest = lastIndexes(4);
        HeadFollowingStorageEngine engine = new HeadFollowingStorageEngine(builder(100), 100, 0, 0);

        List<? extends TrackedEventMessage<?>> first = engine.readEvents(before(newest), false).toList();
        List<? extends TrackedEventMessage<?>> second = engine.readEvents(before(newest), false).toList();
        List<? extends TrackedEventMessage<?>> headFollowing = engine.readEvents(before(newest), true).toList();

        assertThat(indexes(second)).isEqualTo(indexes(first)).hasSize(3);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).getPayload()).isSameAs(first.get(i).getPayload());
            assertThat(headFollowing.get(i).getPayload()).as("the event store shares its stream's messages itself")
                    .isNotSameAs(first.get(i).getPayload());
        }
    }

    @Test
    void only_the_events_read_lately_are_shared() {
        List<Long> newest = lastIndexes(4);
        HeadFollowingStorageEngine engine = new HeadFollowingStorageEngine(builder(100), 2, 0, 0);

        List<? extends TrackedEventMessage<?>> first = engine.readEvents(before(newest), false).toList();
        TrackedEventMessage<?> again = engine.readEvents(before(newest), false).findFirst().orElseThrow();

        assertThat(again.trackingToken()).isEqualTo(first.get(0).trackingToken());
        assertThat(again.getIdentifier()).isEqualTo(first.get(0).getIdentifier());
        assertThat(again.getPayload()).as("the oldest of three read, two kept").isNotSameAs(first.get(0).getPayload());
    }

    @Test
    void a_full_batch_is_read_once_from_the_table_for_every_stream_asking_from_its_position() {
        List<Long> newest = consecutive(lastIndexes(7));
        CountingEngine alone = new CountingEngine(builder(2), 0);
        CountingEngine sharing = new CountingEngine(builder(2), 8);

        List<? extends TrackedEventMessage<?>> axons = alone.readEvents(before(newest), false).toList();
        List<? extends TrackedEventMessage<?>> first = sharing.readEvents(before(newest), false).toList();
        List<? extends TrackedEventMessage<?>> second = sharing.readEvents(before(newest), false).toList();

        assertThat(tokens(first)).isEqualTo(tokens(axons)).hasSize(6);
        assertThat(tokens(second)).isEqualTo(tokens(axons));
        assertThat(second.stream().map(TrackedEventMessage::getIdentifier).toList())
                .isEqualTo(axons.stream().map(TrackedEventMessage::getIdentifier).toList());
        assertThat(alone.fetches).as("each stream: three full batches, then an empty one").hasValue(4);
        assertThat(sharing.fetches).as("the second stream read only the empty batch after the three full ones")
                .hasValue(5);
    }

    @Test
    void a_short_batch_is_read_by_every_stream_itself() {
        List<Long> newest = consecutive(lastIndexes(3));
        CountingEngine sharing = new CountingEngine(builder(2), 8);
        // From the second newest: a window of two indexes holding one event, the newest.
        TrackingToken position = GapAwareTrackingToken.newInstance(newest.get(1), Set.of());

        sharing.readEvents(position, false).toList();
        List<? extends TrackedEventMessage<?>> second = sharing.readEvents(position, false).toList();

        assertThat(indexes(second)).containsExactly(newest.get(2));
        assertThat(sharing.fetches).as("the short batch read by both streams (each then finds nothing)").hasValue(4);
    }

    /** The indexes, asserted to follow one another (the tests read windows of the event table). */
    private static List<Long> consecutive(List<Long> indexes) {
        for (int i = 1; i < indexes.size(); i++) {
            assertThat(indexes.get(i)).as("events written one after another").isEqualTo(indexes.get(i - 1) + 1);
        }
        return indexes;
    }

    private static List<TrackingToken> tokens(List<? extends TrackedEventMessage<?>> events) {
        return events.stream().<TrackingToken>map(TrackedEventMessage::trackingToken).toList();
    }

    /** The {@code n} highest global indexes, lowest first (at least {@code n} events are written first). */
    private List<Long> lastIndexes(int n) {
        for (int i = 0; i < n; i++) {
            api.open8050("demo-houkatsu-north");
        }
        List<Long> newest = jdbc.queryForList("select globalindex from (select globalindex from domainevententry "
                + "order by globalindex desc limit ?) t order by 1", Long.class, n);
        assertThat(newest).hasSize(n);
        return newest;
    }

    /** A position at the first of {@code newest}, as if every event up to it had been read. */
    private static TrackingToken before(List<Long> newest) {
        return GapAwareTrackingToken.newInstance(newest.get(0), Set.of());
    }

    private static List<Long> indexes(List<? extends TrackedEventMessage<?>> events) {
        return events.stream().map(e -> e.trackingToken().position().orElseThrow()).toList();
    }

    private CountingEngine engine(int batchSize) {
        return new CountingEngine(builder(batchSize), 0);
    }

    private JdbcEventStorageEngine.Builder builder(int batchSize) {
        return JdbcEventStorageEngine.builder()
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .connectionProvider(connections)
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(new EventSchema())
                .batchSize(batchSize);
    }

    /** Counts the reads of tracked events that reach the event table; shares up to {@code batches} full batches. */
    static final class CountingEngine extends HeadFollowingStorageEngine {

        final AtomicInteger fetches = new AtomicInteger();

        CountingEngine(Builder builder, int batches) {
            super(builder, 0, batches, 0);
        }

        @Override
        protected PreparedStatement readEventData(Connection connection, TrackingToken lastToken, int batchSize)
                throws SQLException {
            fetches.incrementAndGet();
            return super.readEventData(connection, lastToken, batchSize);
        }
    }
}
