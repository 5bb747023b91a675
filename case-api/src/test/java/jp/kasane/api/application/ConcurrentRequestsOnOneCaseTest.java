package jp.kasane.api.application;

import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No request answers 500 because another one touched the same case, and nothing acknowledged is lost
 * (docs/architecture.md "Reads, writes and the ledger"): 32 clients at once on one case, started together, each
 * sending several requests: writers without {@code If-Match}, writers with it (a stale one is a clean 412), and
 * disclosed readers. Afterwards every acknowledged write is in the case's stream, each with its own version, and
 * every answered disclosed read has exactly one ledger line.
 */
@KasaneIntegrationTest
class ConcurrentRequestsOnOneCaseTest {

    static final String OPENER = "demo-houkatsu-north";
    static final int CLIENTS = 32;
    static final int REQUESTS_EACH = 4;

    @Autowired
    Api api;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void thirty_two_clients_on_one_case_get_no_5xx_and_lose_nothing() throws Exception {
        Api.OpenedCase c = api.open8050(OPENER);
        String cases = "/api/v1/cases/" + c.caseId();
        api.consent(OPENER, c.caseId(), c.self(), List.of("jiritsu"), List.of("BASIC", "NOTES"));
        int consultationsBefore = consultations(c.caseId());
        int ledgerBefore = ledgerLines(c.caseId(), "jiritsu");

        List<Integer> statuses = new CopyOnWriteArrayList<>();
        List<Long> versions = new CopyOnWriteArrayList<>();
        Set<String> failures = ConcurrentHashMap.newKeySet();
        List<Integer> answeredReads = new CopyOnWriteArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            int kind = client % 4;
            int id = client;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < REQUESTS_EACH; i++) {
                    Response r = switch (kind) {
                        case 0, 1 -> api.get("demo-jiritsu", cases);
                        case 2 -> api.post(OPENER, cases + "/consultations", consultation(id, i));
                        default -> {
                            String etag = api.get(OPENER, cases).header("ETag");
                            yield api.post(OPENER, cases + "/consultations", consultation(id, i), Map.of("If-Match", etag));
                        }
                    };
                    statuses.add(r.status());
                    if (r.status() >= 500) {
                        failures.add(r.status() + " " + r.body());
                    }
                    if (kind >= 2 && r.status() == 201) {
                        versions.add(r.body().get("version").asLong());
                    }
                    if (kind < 2 && r.status() == 200) {
                        answeredReads.add(1);
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(failures).as("answers 5xx").isEmpty();
        assertThat(statuses).as("every answer is a success, or a stale If-Match").allMatch(s -> s == 200 || s == 201 || s == 412);
        assertThat(answeredReads).as("disclosed reads answered").hasSize(CLIENTS / 2 * REQUESTS_EACH);
        assertThat(versions).as("each acknowledged write has its own version").doesNotHaveDuplicates();
        assertThat(versions.size()).as("writes without If-Match all succeed").isGreaterThanOrEqualTo(CLIENTS / 4 * REQUESTS_EACH);
        assertThat(consultations(c.caseId()) - consultationsBefore).as("every acknowledged write is in the stream")
                .isEqualTo(versions.size());
        assertThat(ledgerLines(c.caseId(), "jiritsu") - ledgerBefore).as("one ledger line per answered disclosed read")
                .isEqualTo(answeredReads.size());
    }

    private static Map<String, Object> consultation(int client, int i) {
        return Map.of("occurredAt", "2026-04-10T01:00:00Z", "channel", "PHONE",
                "summary", "同時書き込み " + client + "-" + i);
    }

    private int consultations(String caseId) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND payloadtype = 'kasane.ConsultationRecorded'", Integer.class, caseId);
        return n == null ? 0 : n;
    }

    private int ledgerLines(String caseId, String agencyId) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM disclosure_ledger WHERE case_id = ? AND agency_id = ?",
                Integer.class, caseId, agencyId);
        return n == null ? 0 : n;
    }
}
