package jp.kasane.api.application;

import com.fasterxml.jackson.databind.JsonNode;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.OpenedCase;
import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.core.personaldata.PersonalDataVault;
import jp.kasane.core.supportcase.Channel;
import jp.kasane.core.supportcase.Consultation;
import jp.kasane.core.supportcase.events.ConsultationRecorded;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A case kept between requests ({@link LoadedCases}) is only ever the case as stored: a write by another node shows
 * at once, a request that rolls back leaves nothing behind, and two requests never hold one kept case.
 */
@KasaneIntegrationTest
class LoadedCasesTest {

    static final String NORTH = "demo-houkatsu-north";

    @Autowired
    Api api;
    @Autowired
    LoadedCases loaded;
    @Autowired
    EventStore eventStore;
    @Autowired
    PersonalDataVault vault;
    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void a_write_by_another_node_is_read_as_stored_not_as_this_node_kept_the_case() {
        OpenedCase c = api.open8050(NORTH);
        String path = "/api/v1/cases/" + c.caseId();
        assertThat(api.post(NORTH, path + "/consultations", Map.of("occurredAt", "2026-04-10T01:00:00Z",
                "channel", "PHONE", "summary", "電話相談", "issues", List.of())).status()).isEqualTo(201);
        JsonNode before = api.get(NORTH, path).body();
        assertThat(loaded.containsKey(c.caseId())).as("this node keeps the case it just read").isTrue();

        // Another node appends to the case: its event store write never passes through this node's cache.
        long next = api.eventCount(c.caseId());
        Consultation other = new Consultation(UUID.randomUUID().toString(), "houkatsu-north",
                Instant.parse("2026-04-11T01:00:00Z"), Channel.VISIT, vault.seal(c.self(), "別のノードで記録した訪問"),
                List.of(), null, List.of(c.self()), null);
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> eventStore.publish(
                new GenericDomainEventMessage<>("SupportCase", c.caseId(), next, new ConsultationRecorded(c.caseId(), other))));

        JsonNode after = api.get(NORTH, path).body();
        assertThat(after.get("version").asLong()).isEqualTo(before.get("version").asLong() + 1);
        assertThat(summaries(after)).containsAll(summaries(before)).contains("別のノードで記録した訪問");
        // And a write decides on that state: the other node's event keeps its place, ours comes after it.
        assertThat(api.post(NORTH, path + "/consultations", Map.of("occurredAt", "2026-04-12T01:00:00Z",
                        "channel", "PHONE", "summary", "その後の電話", "issues", List.of()),
                Map.of("If-Match", "\"" + after.get("version").asLong() + "\"")).status()).isEqualTo(201);
        assertThat(summaries(api.get(NORTH, path).body())).endsWith("別のノードで記録した訪問", "その後の電話");
    }

    @Test
    void a_request_that_rolls_back_leaves_nothing_and_one_that_commits_leaves_its_version() {
        String caseId = "kept-" + UUID.randomUUID();
        Object aggregate = new Object();
        TransactionTemplate tx = new TransactionTemplate(transactionManager);

        tx.executeWithoutResult(status -> {
            loaded.locked(caseId, 3);
            loaded.put(caseId, aggregate);
            status.setRollbackOnly();
        });
        assertThat(loaded.containsKey(caseId)).as("rolled back: nothing kept").isFalse();

        tx.executeWithoutResult(status -> {
            loaded.locked(caseId, 3);
            loaded.appending(List.of(new GenericDomainEventMessage<>("SupportCase", caseId, 4, "e4"),
                    new GenericDomainEventMessage<>("SupportCase", caseId, 5, "e5")));
            loaded.put(caseId, aggregate);
            assertThat(loaded.containsKey(caseId)).as("not before the commit").isFalse();
        });
        assertThat(loaded.containsKey(caseId)).isTrue();

        // Stored at another version (another node wrote): not used, and dropped.
        Object atSix = tx.execute(status -> {
            loaded.locked(caseId, 6);
            return loaded.get(caseId);
        });
        assertThat(atSix).isNull();
        assertThat(loaded.containsKey(caseId)).isFalse();
    }

    @Test
    void a_kept_case_is_lent_to_one_request_at_a_time_and_never_outside_a_lock() {
        String caseId = "kept-" + UUID.randomUUID();
        Object aggregate = new Object();
        TransactionTemplate tx = new TransactionTemplate(transactionManager);
        tx.executeWithoutResult(status -> {
            loaded.locked(caseId, 0);
            loaded.put(caseId, aggregate);
        });

        Object unlocked = tx.execute(status -> loaded.get(caseId));
        assertThat(unlocked).as("no lock, no version: not used").isNull();
        List<Object> lent = new ArrayList<>();
        tx.executeWithoutResult(status -> {
            loaded.locked(caseId, 0);
            lent.add(loaded.get(caseId));
            lent.add(loaded.get(caseId));
        });
        assertThat(lent).containsExactly(aggregate, null);
    }

    @Test
    void a_case_just_written_is_kept_though_the_kept_cases_were_used_more_often() {
        LoadedCases small = new LoadedCases(100, 100_000);
        TransactionTemplate tx = new TransactionTemplate(transactionManager);
        // A full cache of busy cases, each written five times.
        for (int i = 0; i < 100; i++) {
            String busy = "busy-" + UUID.randomUUID();
            for (int version = 0; version < 5; version++) {
                write(small, tx, busy, version);
            }
        }
        // Then sixty new cases, each opened and then written again, as a caseworker does (a consent after the opening).
        List<String> fresh = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            fresh.add("fresh-" + UUID.randomUUID());
        }
        fresh.forEach(caseId -> write(small, tx, caseId, 0));
        long kept = fresh.stream().filter(caseId -> tx.execute(status -> {
            small.locked(caseId, 0);
            return small.get(caseId);
        }) != null).count();

        assertThat(kept).as("new cases found kept at their next write").isEqualTo(60);
    }

    @Test
    void the_kept_cases_hold_at_most_their_events_worth_the_least_recently_used_going_first() {
        LoadedCases cache = new LoadedCases(1_000, 100);
        TransactionTemplate tx = new TransactionTemplate(transactionManager);
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            cases.add("long-" + UUID.randomUUID());
            write(cache, tx, cases.get(i), 29); // thirty events each
        }
        assertThat(cache.keptEvents()).as("three cases of thirty events fit in a hundred").isEqualTo(90);
        assertThat(cases).filteredOn(cache::containsKey).containsExactlyElementsOf(cases.subList(2, 5));

        // Written again, a case grows: the least recently used goes, the one just written stays.
        write(cache, tx, cases.get(2), 30);
        write(cache, tx, cases.get(2), 31);
        write(cache, tx, cases.get(2), 50);
        assertThat(cases).filteredOn(cache::containsKey).containsExactly(cases.get(2), cases.get(4));
        assertThat(cache.keptEvents()).isEqualTo(51 + 30);

        // A case longer than all may hold together is not kept, and pushes none of the others out.
        String tooLong = "too-long-" + UUID.randomUUID();
        write(cache, tx, tooLong, 100);
        assertThat(cache.containsKey(tooLong)).isFalse();
        assertThat(cases).filteredOn(cache::containsKey).containsExactly(cases.get(2), cases.get(4));
        assertThat(cache.keptEvents()).isEqualTo(81);

        // Taken out by a request, a case no longer counts.
        tx.executeWithoutResult(status -> {
            cache.locked(cases.get(4), 29);
            assertThat((Object) cache.get(cases.get(4))).isNotNull();
        });
        assertThat(cache.keptEvents()).isEqualTo(51);
    }

    /** One committed write of {@code version} by this node: the case goes back into the cache at that version. */
    private static void write(LoadedCases cache, TransactionTemplate tx, String caseId, long version) {
        tx.executeWithoutResult(status -> {
            cache.locked(caseId, version - 1);
            Object lent = cache.get(caseId);
            cache.appending(List.of(new GenericDomainEventMessage<>("SupportCase", caseId, version, "e")));
            cache.put(caseId, lent == null ? new Object() : lent);
        });
    }

    private static List<String> summaries(JsonNode view) {
        List<String> texts = new ArrayList<>();
        view.get("consultations").forEach(k -> texts.add(k.get("summary").asText()));
        return texts;
    }
}
