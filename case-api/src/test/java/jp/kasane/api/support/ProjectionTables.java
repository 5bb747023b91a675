package jp.kasane.api.support;

import jp.kasane.api.config.axon.ProcessorStops;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the projections hold, and what a fresh rebuild of them holds: every row of every read-model table, as text
 * in a stable order, and a rebuild that resets each processor's tokens (its {@code @ResetHandler} empties its tables)
 * and replays the whole store. For tests that must show the read models converge after a failure.
 */
public final class ProjectionTables {

    /** Each processing group and the tables it writes. */
    public static final Map<String, List<String>> TABLES = Map.of(
            "caseload", List.of("caseload_case", "caseload_holding", "caseload_escalation"),
            "handoffs", List.of("handoff"),
            "statistics", List.of("stats_case", "stats_case_change", "stats_case_issue", "stats_meeting",
                    "stats_decision", "stats_referral", "stats_resource_gap"),
            "audit-chain", List.of("audit_chain"),
            "meetings", List.of("meeting_index"),
            "people", List.of("person_index"));

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final ProcessorStops stops;

    public ProjectionTables(JdbcTemplate jdbc, EventProcessingConfiguration processing, ProcessorStops stops) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.stops = stops;
    }

    /** Every row of every projection table, each table's rows as text sorted, by table name. */
    public Map<String, List<String>> contents() {
        Map<String, List<String>> contents = new LinkedHashMap<>();
        TABLES.values().stream().flatMap(List::stream).sorted().forEach(table -> contents.put(table,
                jdbc.queryForList("select t::text from " + table + " t order by 1", String.class)));
        return contents;
    }

    /** Waits until every processor has handled every event in the store. */
    public void awaitCaughtUp(Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Long head = jdbc.queryForObject("select coalesce(max(globalindex), -1) from domainevententry", Long.class);
            for (String group : TABLES.keySet()) {
                StreamingEventProcessor processor = processor(group);
                assertThat(processor.isRunning()).as(group + " runs").isTrue();
                assertThat(processor.isReplaying()).as(group + " replays").isFalse();
                for (EventTrackerStatus status : processor.processingStatus().values()) {
                    assertThat(status.isErrorState()).as(group + " in error").isFalse();
                    assertThat(status.getCurrentPosition().orElse(-1)).as(group + " position").isGreaterThanOrEqualTo(head);
                }
            }
        });
    }

    /**
     * Rebuilds every projection from the first event, and waits until the rebuild has caught up. The audit chain has
     * no reset handler on purpose (a replay must never re-hash rows that may have been altered: it keeps the first
     * hashes, docs/audit.md); for a fresh rebuild this test helper empties its table itself. Each processor is stopped
     * as the replay endpoint stops it, without waiting out its wait for events.
     */
    public void rebuild(Duration within) {
        for (String group : TABLES.keySet()) {
            StreamingEventProcessor processor = processor(group);
            stops.stop(processor);
            if (group.equals("audit-chain")) {
                jdbc.update("delete from audit_chain");
            }
            processor.resetTokens();
            processor.start();
        }
        awaitCaughtUp(within);
    }

    private StreamingEventProcessor processor(String group) {
        return processing.eventProcessor(group, StreamingEventProcessor.class)
                .orElseThrow(() -> new AssertionError("no streaming processor " + group));
    }
}
