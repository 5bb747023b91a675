package jp.kasane.api.projections;

import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.projections.InsertOnlyTable;
import jp.kasane.projections.ProjectionWrites;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A projection's writes in a processor's batch ({@link ProjectionWrites}), run in Axon's batching unit of work on a
 * Spring transaction as a processor runs them: nothing is sent while the events are handled, everything before the
 * batch commits, with an update after the insert it depends on and a collected value's last state; a batch whose
 * writes fail commits nothing and runs again event by event, the failing event's writes undone alone.
 */
@KasaneIntegrationTest
class ProjectionWritesTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactionManager;

    private final String run = UUID.randomUUID().toString();

    /** An insert-only probe table with a column of each type the read models copy. */
    private static final InsertOnlyTable ONCE = new InsertOnlyTable("writes_once", "id",
            "id", "note", "at", "n", "flag", "day", "tags");

    @BeforeEach
    void table() {
        jdbc.execute("create table if not exists writes_probe (id text primary key, status text not null)");
        jdbc.execute("create table if not exists writes_once (id text primary key, note text, at timestamptz,"
                + " n bigint, flag boolean, day date, tags text[])");
    }

    @AfterEach
    void drop() {
        jdbc.execute("drop table writes_probe");
        jdbc.execute("drop table writes_once");
    }

    /** Text COPY's format could mangle: its separators and escape, its null marker, Japanese text of every width. */
    private static final List<String> AWKWARD = List.of("tab\there", "line\nbreak", "cr\rhere", "back\\slash",
            "\\N", "\\.", "全角　スペース", "𠮷野家の𩸽", "ﾊﾝｶｸｶﾅ", "令和8年12月7日", "");

    @Test
    void a_replaying_batch_writes_an_insert_only_tables_rows_exactly_as_a_live_one() {
        ProjectionWrites writes = new ProjectionWrites(jdbc);
        Instant at = Instant.parse("2026-12-07T21:05:15.123456Z");
        List<String> notes = AWKWARD;
        List<String> live = new ArrayList<>();
        List<String> replayed = new ArrayList<>();
        for (int i = 0; i < notes.size(); i++) {
            live.add("live " + i);
            replayed.add("replayed " + i);
        }
        inBatch(live, event -> insertOnce(writes, event, notes, at));
        ProjectionFixtures.inReplayingBatch(transactionManager, replayed,
                event -> insertOnce(writes, event, notes, at));
        ProjectionFixtures.inReplayingBatch(transactionManager, List.of("replayed nulls"),
                event -> once(writes, event, null, null, null, null, null, null));

        for (int i = 0; i < notes.size(); i++) {
            Map<String, Object> expected = Map.of("note", notes.get(i), "at", at, "n", (long) i, "flag", i % 2 == 0,
                    "day", LocalDate.of(2026, 12, 7).plusDays(i), "tags", Arrays.asList(tags(notes.get(i))));
            assertThat(onceRow("live " + i)).as("live row %s", i).isEqualTo(expected);
            assertThat(onceRow("replayed " + i)).as("replayed row %s", i).isEqualTo(expected);
        }
        assertThat(jdbc.queryForMap("select note, at, n, flag, day, tags from writes_once where id = ?",
                id("replayed nulls"))).as("nulls stay null, not the text of COPY's null marker").containsOnlyKeys(
                "note", "at", "n", "flag", "day", "tags").allSatisfy((column, value) -> assertThat(value).isNull());
    }

    @Test
    void a_replaying_batch_meeting_a_row_already_there_runs_again_event_by_event_and_keeps_it_once() {
        ProjectionWrites writes = new ProjectionWrites(jdbc);
        inBatch(List.of("b"), event -> once(writes, event, "live", null, null, null, null, null));
        List<String> batch = List.of("a", "b", "c");

        // Sent by COPY, the row already there fails the replaying batch, which commits nothing...
        assertThatThrownBy(() -> ProjectionFixtures.inReplayingBatch(transactionManager, batch,
                event -> once(writes, event, "replayed", null, null, null, null, null)))
                .hasStackTraceContaining("duplicate key");
        assertThat(onceIds()).containsExactly(id("b"));

        // ...and handled again event by event, as the processor then does, each row is inserted as it is live.
        ProjectionFixtures.inReplayingBatch(transactionManager, batch,
                event -> once(writes, event, "replayed", null, null, null, null, null));
        assertThat(onceIds()).containsExactly(id("a"), id("b"), id("c"));
        assertThat(jdbc.queryForObject("select note from writes_once where id = ?", String.class, id("b")))
                .as("the row there first stays").isEqualTo("live");
    }

    private void insertOnce(ProjectionWrites writes, String event, List<String> notes, Instant at) {
        int i = Integer.parseInt(event.substring(event.indexOf(' ') + 1));
        once(writes, event, notes.get(i), Timestamp.from(at), (long) i, i % 2 == 0,
                LocalDate.of(2026, 12, 7).plusDays(i), tags(notes.get(i)));
    }

    private void once(ProjectionWrites writes, String event, String note, Timestamp at, Long n, Boolean flag,
                      LocalDate day, String[] tags) {
        try {
            writes.around(() -> {
                writes.insert(ONCE, id(event), note, at, n, flag, day, tags);
                return null;
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> onceRow(String event) {
        return jdbc.queryForObject("select note, at, n, flag, day, tags from writes_once where id = ?",
                (rs, row) -> Map.of("note", rs.getString("note"), "at", rs.getObject("at", OffsetDateTime.class)
                        .toInstant(), "n", rs.getLong("n"), "flag", rs.getBoolean("flag"), "day",
                        rs.getObject("day", LocalDate.class), "tags", Arrays.asList((String[]) rs.getArray("tags")
                                .getArray())), id(event));
    }

    /** A text array with the note among what an array's own text could mangle: its quotes, commas, braces, NULL. */
    private static String[] tags(String note) {
        return new String[] {note, "a,b", "{x}", "\"quoted\"", "NULL", "", null, "back\\slash"};
    }

    private List<String> onceIds() {
        return jdbc.queryForList("select id from writes_once where id like ? order by id", String.class, run + "-%");
    }

    @Test
    void a_batch_sends_its_writes_at_its_end_in_an_order_that_keeps_their_meaning() {
        ProjectionWrites writes = new ProjectionWrites(jdbc);
        List<Long> seenWhileHandling = new ArrayList<>();
        // The first answer finds nothing to update yet (as a late referral answer would).
        inBatch(List.of("answer a", "open a", "answer a", "open b", "collect c1", "collect c2"), event -> {
            handle(writes, event);
            seenWhileHandling.add(rows());
        });

        assertThat(seenWhileHandling).as("nothing is sent while the batch's events are handled")
                .containsOnly(0L);
        assertThat(status("a")).as("the update runs after the insert it depends on").isEqualTo("ANSWERED");
        assertThat(status("b")).isEqualTo("REQUESTED");
        assertThat(status("c")).as("of what the batch collects, the last state is written").isEqualTo("c2");
    }

    @Test
    void a_batch_whose_writes_fail_commits_nothing_and_runs_again_event_by_event() {
        ProjectionWrites writes = new ProjectionWrites(jdbc);
        List<String> batch = List.of("open a", "open poison", "open b");

        assertThatThrownBy(() -> inBatch(batch, event -> handle(writes, event)))
                .hasStackTraceContaining("not-null");
        assertThat(rows()).as("the failed batch committed nothing").isZero();

        // Run again as the processor does: each event's writes go out at once, the poison event's alone fail.
        List<Long> seenWhileHandling = new ArrayList<>();
        inBatch(batch, event -> {
            try {
                handle(writes, event);
            } catch (RuntimeException parked) {
                // the dead-letter queue parks it; the batch goes on
            }
            seenWhileHandling.add(rows());
        });
        assertThat(seenWhileHandling).as("written event by event").containsExactly(1L, 1L, 2L);
        assertThat(status("a")).isEqualTo("REQUESTED");
        assertThat(status("b")).isEqualTo("REQUESTED");
        assertThat(status("poison")).isNull();
    }

    /** What a handler of each probe event writes. */
    private void handle(ProjectionWrites writes, String event) {
        String[] words = event.split(" ");
        try {
            writes.around(() -> {
                switch (words[0]) {
                    case "open" -> writes.reorderable(
                            "insert into writes_probe (id, status) values (?, ?) on conflict (id) do nothing",
                            id(words[1]), words[1].equals("poison") ? null : "REQUESTED");
                    case "answer" -> writes.inOrder("update writes_probe set status = 'ANSWERED' where id = ?",
                            id(words[1]));
                    case "collect" -> writes.collect("latest", LinkedHashMap<String, String>::new,
                            latest -> latest.put(id("c"), words[1]), this::upsert);
                    default -> throw new IllegalArgumentException(event);
                }
                return null;
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void upsert(Map<String, String> latest) {
        latest.forEach((id, status) -> jdbc.update("insert into writes_probe (id, status) values (?, ?) "
                + "on conflict (id) do update set status = excluded.status", id, status));
    }

    private void inBatch(List<String> events, Consumer<String> handler) {
        ProjectionFixtures.inBatch(transactionManager, events, handler);
    }

    private String id(String name) {
        return run + "-" + name;
    }

    private long rows() {
        return jdbc.queryForObject("select count(*) from writes_probe where id like ?", Long.class, run + "-%");
    }

    private String status(String name) {
        List<String> found = jdbc.queryForList("select status from writes_probe where id = ?", String.class, id(name));
        return found.isEmpty() ? null : found.get(0);
    }
}
