package jp.kasane.api.projections;

import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.projections.ProjectionWrites;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.util.ArrayList;
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

    @BeforeEach
    void table() {
        jdbc.execute("create table if not exists writes_probe (id text primary key, status text not null)");
    }

    @AfterEach
    void drop() {
        jdbc.execute("drop table writes_probe");
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
