package jp.kasane.api.web.admin;

import com.fasterxml.jackson.databind.JsonNode;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rebuilding a read model from the first event (docs/projections.md "Replay"): an administrator replays the caseload
 * and it comes back with every case it had; the audit chain is never replayed; where each processor stands is listed.
 */
@KasaneIntegrationTest
class ProjectionReplayTest {

    static final String NORTH = "demo-houkatsu-north";
    static final String ADMIN = "demo-admin";

    @Autowired
    Api api;
    @Autowired
    JdbcTemplate jdbc;

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
