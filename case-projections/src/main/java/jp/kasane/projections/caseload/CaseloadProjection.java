package jp.kasane.projections.caseload;

import jp.kasane.projections.BatchedProjection;
import jp.kasane.projections.CopyRows;
import jp.kasane.projections.ReplayTables;

import jp.kasane.core.access.AccessDecision;
import jp.kasane.core.agency.Agency;
import jp.kasane.core.agency.AgencyDirectory;
import jp.kasane.core.agency.AgencyType;
import jp.kasane.core.supportcase.CaseState;
import jp.kasane.core.supportcase.CaseView;
import jp.kasane.core.supportcase.DisclosurePolicy;
import jp.kasane.core.supportcase.IssueCatalog;
import jp.kasane.core.supportcase.events.CaseEscalated;
import jp.kasane.core.supportcase.events.CaseEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jp.kasane.projections.SqlValues;

import static jp.kasane.projections.SqlValues.textArray;
import static jp.kasane.projections.SqlValues.timestamp;

/**
 * The caseload read model (担当ケース一覧) and the coordinator's escalation list. For every event of a case it takes
 * the case as it stands after the event ({@link CaseFolds}) and asks the domain what the rows say: the phase, lead and
 * next review from {@link CaseState}; who holds the case, for whom, and which issues each holder may see from the
 * {@link DisclosurePolicy} and the {@link CaseView}, the same answers a read of the case would get. It keeps no rule of
 * its own. Holdings that end with a consent's validity without any event are written as time segments, so the
 * caseload is right at every instant between two events.
 *
 * <p>Every row of a case is rewritten from the case's latest state, so a re-delivered event ends in the same rows,
 * and of a batch's events only a case's last change is written. In a replay, a case the store holds a later change
 * for is not written at all: its last change will write it ({@link LaterChanges}). The group reads no other group's
 * tables.
 */
@Component
@ProcessingGroup(CaseloadProjection.PROCESSING_GROUP)
public class CaseloadProjection extends BatchedProjection {

    public static final String PROCESSING_GROUP = "caseload";

    /** The columns of a case's rows, in the order {@link #rowsOf} gives them: for the live inserts and the copies. */
    private static final String[] CASE_COLUMNS = {"case_id", "opening_agency_id", "phase", "issues", "lead_agency_id",
            "next_review_on", "open_referrals", "updated_at", "last_contact_at"};
    private static final String[] HOLDING_COLUMNS = {"case_id", "agency_id", "segment", "valid_from", "valid_until",
            "categories", "issues", "case_open"};

    /** A live case's row, upserted; its holdings inserted (only a case's whose holdings changed, deleted first). */
    private static final String LIVE_CASES = "insert into caseload_case (" + String.join(", ", CASE_COLUMNS) + ")"
            + """
             values (?, ?, ?, ?::text[], ?, ?, ?, ?, ?)
            on conflict (case_id) do update
               set phase = excluded.phase, issues = excluded.issues, lead_agency_id = excluded.lead_agency_id,
                   next_review_on = excluded.next_review_on, open_referrals = excluded.open_referrals,
                   updated_at = greatest(caseload_case.updated_at, excluded.updated_at),
                   last_contact_at = excluded.last_contact_at""";
    private static final String LIVE_HOLDINGS = "insert into caseload_holding (" + String.join(", ", HOLDING_COLUMNS)
            + ") values (?, ?, ?, ?, ?, ?::text[], ?::text[], ?)";

    /** A replayed case's rows: inserted once into the emptied tables. */
    private static final CopyRows REPLAYED_CASES = new CopyRows("caseload_case", CASE_COLUMNS);
    private static final CopyRows REPLAYED_HOLDINGS = new CopyRows("caseload_holding", HOLDING_COLUMNS);

    private final CaseFolds folds;
    private final DisclosurePolicy policy;
    private final AgencyDirectory agencies;
    private final IssueCatalog issues;
    private final LaterChanges laterChanges;

    public CaseloadProjection(JdbcTemplate jdbc, CaseFolds folds, DisclosurePolicy policy, AgencyDirectory agencies,
                              IssueCatalog issues, LaterChanges laterChanges) {
        super(jdbc);
        this.folds = folds;
        this.policy = policy;
        this.agencies = agencies;
        this.issues = issues;
        this.laterChanges = laterChanges;
    }

    @ResetHandler
    public void reset() {
        laterChanges.forget();
        ReplayTables.empty(jdbc, "caseload_holding", "caseload_escalation", "caseload_case");
    }

    @EventHandler
    public void on(CaseEvent event, @SequenceNumber Long sequence, @Timestamp Instant at, ReplayStatus replay) {
        CaseState state = folds.after(event, sequence);
        if (!event.changesCase()) {
            return; // a ledger line of an earlier version: a read, not a change
        }
        // Every row of a case is rewritten from its latest state: of a batch's events, a case's last one wins, and its
        // rows are computed once, when the batch is written (the state is the fold's, still the latest then).
        Change change = new Change(state, at, sequence, replay.isReplay());
        writes.collect(Change.class, LinkedHashMap<String, Change>::new,
                latest -> latest.put(event.caseId(), change), this::write);
        if (event instanceof CaseEscalated e) {
            writes.reorderable("""
                    insert into caseload_escalation (case_id, coordinator_agency_id, opening_agency_id, escalated_at)
                    values (?, ?, ?, ?) on conflict (case_id) do nothing""",
                    e.caseId(), e.coordinatorAgencyId(), state.openingAgencyId(), timestamp(at));
        }
    }

    /** A case's latest change: its state right after the event, the event's time and sequence, and whether replayed. */
    private record Change(CaseState state, Instant at, long sequence, boolean replayed) {
    }

    /** A case's row and its holdings, as its state says right after an event at {@code at}. */
    private record CaseRows(String caseId, Object[] caseRow, List<Object[]> holdings) {
    }

    private CaseRows rowsOf(CaseState state, Instant at) {
        Object[] caseRow = {state.caseId(), state.openingAgencyId(), state.phase().name(), textArray(state.issues()),
                state.leadAgencyId(), state.nextReviewOn().orElse(null), state.openReferrals(), timestamp(at),
                state.lastContactAt().map(SqlValues::timestamp).orElse(null)};
        return new CaseRows(state.caseId(), caseRow, holdings(state, at));
    }

    /**
     * Who holds the case from {@code at} on: one row per holder and time segment, the segments cut where a consent's
     * validity ends ({@link DisclosurePolicy#holdingsChangeAfter}). The first segment is open towards the past.
     */
    private List<Object[]> holdings(CaseState state, Instant at) {
        List<Instant> cuts = new ArrayList<>();
        cuts.add(at);
        cuts.addAll(policy.holdingsChangeAfter(state, at));
        List<Object[]> rows = new ArrayList<>();
        for (int segment = 0; segment < cuts.size(); segment++) {
            Instant from = cuts.get(segment);
            Instant until = segment + 1 < cuts.size() ? cuts.get(segment + 1) : null;
            Map<String, AccessDecision> holders = policy.holdings(state, from, this::typeOf);
            for (Map.Entry<String, AccessDecision> h : holders.entrySet()) {
                rows.add(new Object[]{state.caseId(), h.getKey(), segment, segment == 0 ? null : timestamp(from),
                        timestamp(until), textArray(h.getValue().categories()),
                        textArray(CaseView.visibleIssues(state, h.getValue(), issues)), state.phase().isOpen()});
            }
        }
        return rows;
    }

    /**
     * The cases' rows as collected, but for replayed cases the store holds a later change for: the live cases' rows
     * upserted and their stored holdings read, and only the cases whose holdings changed deleted and inserted
     * again ({@link StoredHoldings}). A replayed case's rows are inserted by {@code COPY} ({@link CopyRows}) without
     * a read: the reset emptied the tables and a replay writes a case once, at its last change, so there is nothing
     * stored to compare (were a case ever written twice, its primary keys would refuse the second copy, and the event,
     * handled again on its own, be parked, never doubled).
     */
    private void write(Map<String, Change> changes) {
        Map<String, Long> replayed = replayed(changes);
        if (replayed.isEmpty()) {
            laterChanges.forget(); // live: what a replay remembered is of no more use
        }
        Set<String> changedLater = laterChanges.after(replayed);
        Map<String, CaseRows> latest = new LinkedHashMap<>();
        changes.forEach((caseId, change) -> {
            if (!changedLater.contains(caseId)) {
                latest.put(caseId, rowsOf(change.state(), change.at()));
            }
        });
        if (latest.isEmpty()) {
            return;
        }
        List<Object[]> caseRows = new ArrayList<>();
        List<Object[]> replayedCaseRows = new ArrayList<>();
        for (CaseRows rows : latest.values()) {
            (replayed.containsKey(rows.caseId()) ? replayedCaseRows : caseRows).add(rows.caseRow());
        }
        if (!replayedCaseRows.isEmpty()) {
            REPLAYED_CASES.send(jdbc, replayedCaseRows);
        }
        if (!caseRows.isEmpty()) {
            jdbc.batchUpdate(LIVE_CASES, caseRows);
        }
        List<String> live = latest.keySet().stream().filter(caseId -> !replayed.containsKey(caseId)).toList();
        StoredHoldings stored = StoredHoldings.of(jdbc, live);
        List<String> replaced = new ArrayList<>();
        List<Object[]> holdingRows = new ArrayList<>();
        List<Object[]> replayedHoldings = new ArrayList<>();
        for (CaseRows rows : latest.values()) {
            if (replayed.containsKey(rows.caseId())) {
                replayedHoldings.addAll(rows.holdings());
            } else if (!stored.holdsExactly(rows.caseId(), rows.holdings())) {
                if (stored.has(rows.caseId())) {
                    replaced.add(rows.caseId());
                }
                holdingRows.addAll(rows.holdings());
            }
        }
        if (!replaced.isEmpty()) {
            jdbc.update("delete from caseload_holding where case_id = any(?::text[])",
                    (Object) replaced.toArray(String[]::new));
        }
        if (!replayedHoldings.isEmpty()) {
            REPLAYED_HOLDINGS.send(jdbc, replayedHoldings);
        }
        if (!holdingRows.isEmpty()) {
            jdbc.batchUpdate(LIVE_HOLDINGS, holdingRows);
        }
    }

    /** The replayed cases among the changes, each with the sequence of its change. */
    private static Map<String, Long> replayed(Map<String, Change> changes) {
        Map<String, Long> replayed = new LinkedHashMap<>();
        changes.forEach((caseId, change) -> {
            if (change.replayed()) {
                replayed.put(caseId, change.sequence());
            }
        });
        return replayed;
    }

    private AgencyType typeOf(String agencyId) {
        return agencies.find(agencyId).map(Agency::type).orElse(null);
    }
}
