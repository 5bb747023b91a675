package jp.kasane.api.projections;

import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.core.access.LegalBasis;
import jp.kasane.core.access.Purpose;
import jp.kasane.core.supportcase.events.CaseDisclosed;
import jp.kasane.core.supportcase.events.CaseEvent;
import jp.kasane.projections.caseload.CaseloadProjection;
import jp.kasane.projections.caseload.LaterChanges;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static jp.kasane.api.projections.ProjectionFixtures.agency;
import static jp.kasane.api.projections.ProjectionFixtures.consulted;
import static jp.kasane.api.projections.ProjectionFixtures.id;
import static jp.kasane.api.projections.ProjectionFixtures.opened;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replaying caseload writes a case's rows only at the case's last change in the store ({@link LaterChanges}): the
 * rows come from the latest state anyway, and writing them at every batch a case had an event in was most of a
 * rebuild's writes. A ledger line of an earlier version ({@link CaseDisclosed}) is no change: a case whose stream ends
 * with one is written at the change before it. {@code CaseloadHoldersFollowThePolicyTest} replays random histories and
 * compares every row.
 */
@KasaneIntegrationTest
class CaseloadReplayTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    CaseloadProjection projection;
    @Autowired
    LaterChanges laterChanges;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theStoreSaysWhichCasesChangeAfterTheEventHandledAndALedgerLineIsNoChange() {
        String north = agency("houkatsu");
        String caseId = id();
        store(caseId, opened(caseId, north, Instant.now(), "ISSUE_8050"), consulted(caseId, north, Instant.now(), "DEBT"),
                disclosed(caseId));
        String other = id();
        store(other, opened(other, north, Instant.now(), "HIKIKOMORI"));

        assertThat(laterChanges.after(Map.of(caseId, 0L, other, 0L))).containsExactly(caseId);
        assertThat(laterChanges.after(Map.of(caseId, 1L))).as("only a ledger line after it").isEmpty();
        assertThat(laterChanges.after(Map.of(caseId, 2L))).isEmpty();
        assertThat(laterChanges.after(Map.of(id(), 0L))).as("a case the store does not hold").isEmpty();
        assertThat(laterChanges.after(Map.of())).isEmpty();
    }

    @Test
    void aChangeStoredAfterTheStoreWasAskedIsNotMissed() {
        String north = agency("houkatsu");
        String caseId = id();
        store(caseId, opened(caseId, north, Instant.now(), "ISSUE_8050"), consulted(caseId, north, Instant.now(), "DEBT"));
        assertThat(laterChanges.after(Map.of(caseId, 0L))).containsExactly(caseId);

        append(caseId, 2, consulted(caseId, north, Instant.now(), "HIKIKOMORI"));
        assertThat(laterChanges.after(Map.of(caseId, 0L))).as("remembered or asked again").containsExactly(caseId);
        assertThat(laterChanges.after(Map.of(caseId, 2L))).as("the newest change is written").isEmpty();
    }

    @Test
    void aReplayedCaseIsWrittenOnlyAtItsLastChange() {
        String north = agency("houkatsu");
        String caseId = id();
        List<DomainEventMessage<?>> stored = store(caseId, opened(caseId, north, Instant.now(), "ISSUE_8050"),
                consulted(caseId, north, Instant.now(), "DEBT"), disclosed(caseId));
        Instant lastChange = stored.get(1).getTimestamp().truncatedTo(ChronoUnit.MICROS);
        await().atMost(Duration.ofSeconds(30)).until(() -> updatedAt(caseId) != null
                && updatedAt(caseId).toInstant().equals(lastChange));
        jdbc.update("delete from caseload_holding where case_id = ?", caseId);
        jdbc.update("delete from caseload_case where case_id = ?", caseId);

        replay(stored.get(0));
        assertThat(updatedAt(caseId)).as("a later change in the store: not written yet").isNull();

        replay(stored.get(1));
        assertThat(updatedAt(caseId).toInstant()).isEqualTo(lastChange);
        assertThat(issues(caseId)).isEqualTo("{ISSUE_8050,DEBT}");
        assertThat(jdbc.queryForObject("select count(*) from caseload_holding where case_id = ?", Integer.class, caseId))
                .isPositive();

        replay(stored.get(2));
        assertThat(updatedAt(caseId).toInstant()).as("a ledger line changes nothing").isEqualTo(lastChange);
    }

    private void replay(DomainEventMessage<?> m) {
        projection.on((CaseEvent) m.getPayload(), m.getSequenceNumber(), m.getTimestamp(), ReplayStatus.REPLAY);
    }

    private Timestamp updatedAt(String caseId) {
        List<Timestamp> at = jdbc.queryForList("select updated_at from caseload_case where case_id = ?",
                Timestamp.class, caseId);
        return at.isEmpty() ? null : at.get(0);
    }

    private String issues(String caseId) {
        return jdbc.queryForObject("select issues::text from caseload_case where case_id = ?", String.class, caseId);
    }

    private static CaseDisclosed disclosed(String caseId) {
        return new CaseDisclosed(caseId, "jiritsu", "x", LegalBasis.CONSENT, Set.of(), Purpose.SUPPORT_COORDINATION,
                null, false);
    }

    private void append(String caseId, long sequence, CaseEvent event) {
        eventStore.publish(new GenericDomainEventMessage<>("SupportCase", caseId, sequence, event));
    }

    /** The events stored as the case's stream, read back with the times the store gave them. */
    private List<DomainEventMessage<?>> store(String caseId, CaseEvent... events) {
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            messages.add(new GenericDomainEventMessage<>("SupportCase", caseId, i, events[i]));
        }
        eventStore.publish(messages);
        return new ArrayList<>(eventStore.readEvents(caseId, 0).asStream().toList());
    }
}
