package jp.kasane.api.personaldata;

import com.fasterxml.jackson.databind.JsonNode;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.OpenedCase;
import jp.kasane.api.support.KasaneIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rotation without downtime (docs/personal-data.md): cases opened while keys are re-wrapped and old versions
 * destroyed are all answered 201 and all read back; and the scheduled check rotates after an erasure, not before.
 */
@KasaneIntegrationTest
class KeyRotationOnlineTest {

    static final String NORTH = "demo-houkatsu-north";
    static final String ADMIN = "demo-admin";
    static final int CLIENTS = 4;

    @Autowired
    Api api;
    @Autowired
    KeyRotation rotation;
    @Autowired
    Keyring keyring;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void cases_opened_during_rotations_are_all_accepted_and_all_read_back() throws Exception {
        AtomicBoolean rotating = new AtomicBoolean(true);
        ConcurrentLinkedQueue<OpenedCase> opened = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(pool.submit(() -> {
                do {
                    opened.add(api.open8050(NORTH)); // asserts 201 itself
                } while (rotating.get());
            }));
        }
        List<String> destroyed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int seen = opened.size();
            while (opened.size() < seen + CLIENTS) {
                Thread.sleep(5); // writes in flight before, during and after each rotation
            }
            destroyed.addAll(rotation.rotate().destroyed());
        }
        rotating.set(false);
        for (Future<?> client : clients) {
            client.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(destroyed).hasSizeGreaterThanOrEqualTo(3);
        assertThat(opened).hasSizeGreaterThanOrEqualTo(CLIENTS);
        for (OpenedCase c : opened) {
            JsonNode members = api.get(NORTH, "/api/v1/cases/" + c.caseId()).body().get("household").get("members");
            assertThat(members.get(0).get("name").asText()).isEqualTo("阪南 花子");
            assertThat(members.get(1).get("name").asText()).isEqualTo("阪南 一郎");
        }
        assertThat(jdbc.queryForObject("select count(*) from person_key where wrapped_key is not null and kek_id <> ?",
                Integer.class, keyring.currentId())).as("nothing wrapped under a destroyed version").isZero();
    }

    @Test
    void the_scheduled_check_rotates_after_an_erasure_and_only_then() {
        rotation.rotate();
        String before = keyring.currentId();
        rotation.rotateIfNeeded();
        assertThat(keyring.currentId()).as("nothing erased: no rotation").isEqualTo(before);

        OpenedCase c = api.open8050(NORTH);
        assertThat(api.post(ADMIN, "/api/v1/people/" + c.personIds().get(1) + "/erasure",
                Map.of("reason", "保存期間の満了", "reasonCode", "RETENTION_EXPIRED")).status()).isEqualTo(200);
        assertThat(rotation.needed()).isTrue();
        rotation.rotateIfNeeded();

        assertThat(keyring.currentId()).isNotEqualTo(before);
        assertThat(keyring.ids()).containsExactly(keyring.currentId());
        assertThat(rotation.needed()).isFalse();
    }
}
