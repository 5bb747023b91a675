package jp.kasane.api.config.axon;

import jp.kasane.api.support.Api;
import jp.kasane.api.support.KasaneIntegrationTest;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On PostgreSQL: the stream following the head reads the new events in one statement and ends there, where Axon's
 * read again (and looked past a gap) to find nothing; it still reads every event, across full batches; the
 * processors' own streams read as Axon's, and share the payloads of the events read lately, each at its own position.
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
        HeadFollowingStorageEngine engine = new HeadFollowingStorageEngine(builder(100), 100);

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
        HeadFollowingStorageEngine engine = new HeadFollowingStorageEngine(builder(100), 2);

        List<? extends TrackedEventMessage<?>> first = engine.readEvents(before(newest), false).toList();
        TrackedEventMessage<?> again = engine.readEvents(before(newest), false).findFirst().orElseThrow();

        assertThat(again.trackingToken()).isEqualTo(first.get(0).trackingToken());
        assertThat(again.getIdentifier()).isEqualTo(first.get(0).getIdentifier());
        assertThat(again.getPayload()).as("the oldest of three read, two kept").isNotSameAs(first.get(0).getPayload());
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
        return new CountingEngine(builder(batchSize));
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

    /** Counts the reads of tracked events that reach the event table. */
    static final class CountingEngine extends HeadFollowingStorageEngine {

        final AtomicInteger fetches = new AtomicInteger();

        CountingEngine(Builder builder) {
            super(builder, 0);
        }

        @Override
        protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
            fetches.incrementAndGet();
            return super.fetchTrackedEvents(lastToken, batchSize);
        }
    }
}
