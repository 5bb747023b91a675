package jp.kasane.api.web.admin;

import com.fasterxml.jackson.databind.JsonNode;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

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

    @Test
    void a_replayed_caseload_comes_back_with_the_cases_it_had() {
        Api.OpenedCase c = api.open8050(NORTH);
        await().atMost(Duration.ofSeconds(30)).until(() -> caseload().contains(c.caseId()));

        Response replay = api.post(ADMIN, "/api/v1/admin/projections/caseload/replay", null);
        assertThat(replay.status()).as(replay.body().toString()).isEqualTo(202);
        assertThat(replay.text("name")).isEqualTo("caseload");

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode caseload = status("caseload");
            return !caseload.get("replaying").asBoolean() && caseload.get("caughtUp").asBoolean();
        });
        assertThat(caseload()).contains(c.caseId());
    }

    @Test
    void the_audit_chain_is_never_replayed_and_only_an_administrator_may_replay() {
        Response chain = api.post(ADMIN, "/api/v1/admin/projections/audit-chain/replay", null);
        assertThat(chain.status()).isEqualTo(409);
        assertThat(chain.code()).isEqualTo("REPLAY_NOT_ALLOWED");
        assertThat(status("audit-chain").get("replayable").asBoolean()).isFalse();
        assertThat(api.post(ADMIN, "/api/v1/admin/projections/no-such/replay", null).status()).isEqualTo(404);
        assertThat(api.post(NORTH, "/api/v1/admin/projections/caseload/replay", null).status()).isEqualTo(403);

        List<String> names = new ArrayList<>();
        api.get(ADMIN, "/api/v1/admin/projections").body().forEach(p -> names.add(p.get("name").asText()));
        assertThat(names).contains("caseload", "handoffs", "statistics", "meetings", "people", "audit-chain");
    }

    private JsonNode status(String name) {
        for (JsonNode p : api.get(ADMIN, "/api/v1/admin/projections").body()) {
            if (p.get("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no processor " + name);
    }

    private List<String> caseload() {
        List<String> ids = new ArrayList<>();
        api.get(NORTH, "/api/v1/caseload?size=500").body().get("items").forEach(i -> ids.add(i.get("caseId").asText()));
        return ids;
    }
}
