package jp.kasane.api.web.admin;

import com.fasterxml.jackson.databind.JsonNode;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.projections.caseload.CaseloadProjection;
import jp.kasane.projections.statistics.StatisticsProjection;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rebuilding a read model from the first event (docs/projections.md "Replay"): an administrator replays the caseload
 * and it comes back with every case it had, its dead letters cleared; the audit chain is never replayed; where each
 * processor stands is listed.
 */
@KasaneIntegrationTest
class ProjectionReplayTest {

    static final String NORTH = "demo-houkatsu-north";
    static final String ADMIN = "demo-admin";

    @Autowired
    Api api;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TransactionManager transactions;

    @Test
    void a_replayed_caseload_comes_back_with_the_cases_it_had() {
        Api.OpenedCase c = api.open8050(NORTH);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.caseloadIds(NORTH).contains(c.caseId()));
        long caseTableFile = caseTableFile();

        Response replay = api.post(ADMIN, "/api/v1/admin/projections/caseload/replay", null);
        assertThat(replay.status()).as(replay.body().toString()).isEqualTo(202);
        assertThat(replay.text("name")).isEqualTo("caseload");

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode caseload = api.projectionStatus("caseload");
            return !caseload.get("replaying").asBoolean() && caseload.get("caughtUp").asBoolean();
        });
        assertThat(api.caseloadIds(NORTH)).contains(c.caseId());
        assertThat(caseTableFile()).as("rebuilt into a fresh table, not beside the deleted rows")
                .isNotEqualTo(caseTableFile);
    }

    /**
     * A replay hands every event to the handlers again, so the letters its read model had parked are cleared: a case
     * whose event was parked is back in the caseload without a retry, and other read models keep their letters.
     */
    @Test
    void a_replay_clears_its_read_models_dead_letters_and_builds_their_cases() {
        Api.OpenedCase c = api.open8050(NORTH);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.caseloadIds(NORTH).contains(c.caseId()));
        String otherGroupsCase = UUID.randomUUID().toString();
        transactions.executeInTransaction(() -> {
            queue(CaseloadProjection.PROCESSING_GROUP).enqueue(c.caseId(), letter(c.caseId()));
            queue(StatisticsProjection.PROCESSING_GROUP).enqueue(otherGroupsCase, letter(otherGroupsCase));
        });
        try {
            Response replay = api.post(ADMIN, "/api/v1/admin/projections/caseload/replay", null);
            assertThat(replay.status()).as(replay.body().toString()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                JsonNode caseload = api.projectionStatus("caseload");
                return !caseload.get("replaying").asBoolean() && caseload.get("caughtUp").asBoolean();
            });

            assertThat(api.caseloadIds(NORTH)).as("its events handled again, not parked behind the old letter")
                    .contains(c.caseId());
            assertThat(letters(CaseloadProjection.PROCESSING_GROUP, c.caseId())).isZero();
            assertThat(letters(StatisticsProjection.PROCESSING_GROUP, otherGroupsCase)).as("another read model's")
                    .isEqualTo(1);
        } finally {
            jdbc.update("delete from deadletterentry where sequenceidentifier in (?, ?)", c.caseId(), otherGroupsCase);
        }
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String group) {
        return processing.deadLetterQueue(group).orElseThrow();
    }

    private static GenericDeadLetter<EventMessage<?>> letter(String caseId) {
        return new GenericDeadLetter<>(caseId, GenericEventMessage.asEventMessage("parked " + UUID.randomUUID()),
                new IllegalStateException("a table refused it"));
    }

    private int letters(String group, String caseId) {
        Integer n = jdbc.queryForObject("select count(*) from deadletterentry where processinggroup = ? "
                + "and sequenceidentifier = ?", Integer.class, group, caseId);
        return n == null ? 0 : n;
    }

    private long caseTableFile() {
        return jdbc.queryForObject("select pg_relation_filenode('caseload_case'::regclass)", Long.class);
    }

    @Test
    void the_audit_chain_is_never_replayed_and_only_an_administrator_may_replay() {
        Response chain = api.post(ADMIN, "/api/v1/admin/projections/audit-chain/replay", null);
        assertThat(chain.status()).isEqualTo(409);
        assertThat(chain.code()).isEqualTo("REPLAY_NOT_ALLOWED");
        assertThat(api.projectionStatus("audit-chain").get("replayable").asBoolean()).isFalse();
        assertThat(api.post(ADMIN, "/api/v1/admin/projections/no-such/replay", null).status()).isEqualTo(404);
        assertThat(api.post(NORTH, "/api/v1/admin/projections/caseload/replay", null).status()).isEqualTo(403);

        List<String> names = new ArrayList<>();
        api.get(ADMIN, "/api/v1/admin/projections").body().forEach(p -> names.add(p.get("name").asText()));
        assertThat(names).contains("caseload", "handoffs", "statistics", "meetings", "people", "audit-chain");
    }
}
