package jp.kasane.projections.statistics;

import jp.kasane.projections.BatchedProjection;
import jp.kasane.projections.InsertOnlyTable;
import jp.kasane.projections.ReplayTables;

import jp.kasane.core.meeting.DecisionType;
import jp.kasane.core.metadata.EventMetadata;
import jp.kasane.core.meeting.events.MeetingConvened;
import jp.kasane.core.meeting.events.MeetingDecisionsTaken;
import jp.kasane.core.supportcase.Consultation;
import jp.kasane.core.supportcase.events.ContactRecorded;
import jp.kasane.core.supportcase.Contact;
import jp.kasane.core.supportcase.events.CaseClosed;
import jp.kasane.core.supportcase.events.CaseOpened;
import jp.kasane.core.supportcase.events.CaseReopened;
import jp.kasane.core.supportcase.events.ConsultationRecorded;
import jp.kasane.core.supportcase.events.ReferralAccepted;
import jp.kasane.core.supportcase.events.ReferralCompleted;
import jp.kasane.core.supportcase.events.ReferralDeclined;
import jp.kasane.core.supportcase.events.ReferralRequested;
import jp.kasane.core.supportcase.events.ReferralWithdrawn;
import jp.kasane.core.supportcase.events.ResourceGapNoted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static jp.kasane.projections.SqlValues.timestamp;

/**
 * The statistics read model (docs/statistics.md): what planners count per Japanese fiscal year, and nothing that
 * identifies a person. Sealed fields of the events (names, summaries, reasons) are never read.
 *
 * <p>Every write is idempotent: rows are keyed by the case stream's sequence number or the event id, inserts are
 * {@code on conflict do nothing}, an issue's first-seen time only moves back (its row is not written at all
 * otherwise: most consultations name issues the case already has), and a referral's answer and completion are set
 * once, guarded by the transition the aggregate allowed. A replay sends the rows of its insert-only tables by
 * {@code COPY} into the tables its reset emptied ({@link InsertOnlyTable}).
 */
@Component
@ProcessingGroup(StatisticsProjection.PROCESSING_GROUP)
public class StatisticsProjection extends BatchedProjection {

    public static final String PROCESSING_GROUP = "statistics";

    private static final InsertOnlyTable CASES = new InsertOnlyTable("stats_case", "case_id", "case_id", "opened_at");
    private static final InsertOnlyTable CONTACTS = new InsertOnlyTable("stats_contact", "contact_id",
            "contact_id", "occurred_at", "method", "reached");
    private static final InsertOnlyTable CONSULTATIONS = new InsertOnlyTable("stats_consultation", "consultation_id",
            "consultation_id", "occurred_at", "consulted_by");
    private static final InsertOnlyTable CASE_CHANGES = new InsertOnlyTable("stats_case_change",
            "case_id, sequence_number", "case_id", "sequence_number", "change", "recorded_at");
    private static final InsertOnlyTable MEETINGS = new InsertOnlyTable("stats_meeting", "meeting_id",
            "meeting_id", "kind", "held_on");
    private static final InsertOnlyTable DECISIONS = new InsertOnlyTable("stats_decision", "event_id, position",
            "event_id", "position", "meeting_id", "type");
    private static final InsertOnlyTable RESOURCE_GAPS = new InsertOnlyTable("stats_resource_gap",
            "case_id, sequence_number", "case_id", "sequence_number", "meeting_id", "recorded_at");

    /** What a batch collects of the cases' issues: the first time each was seen. */
    private static final String ISSUES = "statistics.issues";

    public StatisticsProjection(JdbcTemplate jdbc) {
        super(jdbc);
    }

    @ResetHandler
    public void reset() {
        ReplayTables.empty(jdbc, "stats_case", "stats_case_change", "stats_case_issue", "stats_meeting", "stats_decision",
                "stats_referral", "stats_resource_gap", "stats_consultation", "stats_contact");
    }

    // ---- cases ----------------------------------------------------------------------------------------------------

    @EventHandler
    public void on(CaseOpened e) {
        Consultation first = e.consultation();
        writes.insert(CASES, e.caseId(), timestamp(first.occurredAt()));
        issues(e.caseId(), first);
        consultation(first);
    }

    @EventHandler
    public void on(ConsultationRecorded e) {
        issues(e.caseId(), e.consultation());
        consultation(e.consultation());
    }

    @EventHandler
    public void on(ContactRecorded e) {
        Contact c = e.contact();
        writes.insert(CONTACTS, c.contactId(), timestamp(c.occurredAt()), c.method().name(), c.reached());
    }

    /** Who brought it, by when it happened; UNKNOWN when it was not asked (or before it was recorded at all). */
    private void consultation(Consultation c) {
        if (c == null || c.consultationId() == null || c.occurredAt() == null) {
            return;
        }
        writes.insert(CONSULTATIONS, c.consultationId(), timestamp(c.occurredAt()),
                c.consultedBy() == null ? "UNKNOWN" : c.consultedBy().name());
    }

    @EventHandler
    public void on(CaseClosed e, @SequenceNumber Long sequence, @Timestamp Instant timestamp,
                   @MetaDataValue(value = EventMetadata.RECORDED_AT, required = false) Object recordedAt) {
        change(e.caseId(), sequence, "CLOSED", EventMetadata.recordedAt(recordedAt, timestamp));
    }

    @EventHandler
    public void on(CaseReopened e, @SequenceNumber Long sequence, @Timestamp Instant timestamp,
                   @MetaDataValue(value = EventMetadata.RECORDED_AT, required = false) Object recordedAt) {
        change(e.caseId(), sequence, "REOPENED", EventMetadata.recordedAt(recordedAt, timestamp));
    }

    private void change(String caseId, Long sequence, String change, Instant at) {
        writes.insert(CASE_CHANGES, caseId, sequence, change, timestamp(at));
    }

    private void issues(String caseId, Consultation c) {
        if (c == null || c.issues() == null || c.occurredAt() == null) {
            return;
        }
        java.sql.Timestamp at = timestamp(c.occurredAt());
        writes.collect(ISSUES, HashMap<CaseIssue, java.sql.Timestamp>::new, firstSeen -> c.issues().forEach(
                issue -> firstSeen.merge(new CaseIssue(caseId, issue), at, StatisticsProjection::earlier)),
                this::writeIssues);
    }

    private record CaseIssue(String caseId, String issue) {
    }

    /**
     * Each of the batch's (case, issue) pairs once, at its earliest time: one upsert may not touch a row twice, and the
     * driver may send the batch as one multi-row statement ({@code reWriteBatchedInserts}, docs/database.md).
     */
    private void writeIssues(Map<CaseIssue, java.sql.Timestamp> firstSeen) {
        List<Object[]> rows = new ArrayList<>(firstSeen.size());
        firstSeen.forEach((key, at) -> rows.add(new Object[] {key.caseId(), key.issue(), at}));
        jdbc.batchUpdate("""
                insert into stats_case_issue (case_id, issue, first_seen_at) values (?, ?, ?)
                on conflict (case_id, issue)
                do update set first_seen_at = excluded.first_seen_at
                where excluded.first_seen_at < stats_case_issue.first_seen_at""", rows);
    }

    private static java.sql.Timestamp earlier(java.sql.Timestamp a, java.sql.Timestamp b) {
        return a.before(b) ? a : b;
    }

    // ---- meetings ---------------------------------------------------------------------------------------------------

    @EventHandler
    public void on(MeetingConvened e) {
        writes.insert(MEETINGS, e.meetingId(), e.kind().name(), e.heldOn());
    }

    @EventHandler
    public void on(MeetingDecisionsTaken e, @MessageIdentifier String eventId) {
        List<DecisionType> types = e.decisionTypes() == null ? List.of() : e.decisionTypes();
        for (int i = 0; i < types.size(); i++) {
            writes.insert(DECISIONS, eventId, i, e.meetingId(), types.get(i).name());
        }
    }

    @EventHandler
    public void on(ResourceGapNoted e, @SequenceNumber Long sequence, @Timestamp Instant timestamp,
                   @MetaDataValue(value = EventMetadata.RECORDED_AT, required = false) Object recordedAt) {
        writes.insert(RESOURCE_GAPS, e.caseId(), sequence, e.meetingId(),
                timestamp(EventMetadata.recordedAt(recordedAt, timestamp)));
    }

    // ---- referrals --------------------------------------------------------------------------------------------------

    @EventHandler
    public void on(ReferralRequested e) {
        writes.reorderable("""
                insert into stats_referral (referral_id, requested_at, due_at) values (?, ?, ?)
                on conflict (referral_id) do nothing""",
                e.referralId(), timestamp(e.requestedAt()), timestamp(e.dueAt()));
    }

    @EventHandler
    public void on(ReferralAccepted e) {
        answer(e.referralId(), "ACCEPTED", e.answeredAt());
    }

    @EventHandler
    public void on(ReferralDeclined e) {
        answer(e.referralId(), "DECLINED", e.answeredAt());
    }

    @EventHandler
    public void on(ReferralWithdrawn e) {
        answer(e.referralId(), "WITHDRAWN", e.withdrawnAt());
    }

    @EventHandler
    public void on(ReferralCompleted e) {
        writes.inOrder("update stats_referral set completed_at = ? where referral_id = ? and answer = 'ACCEPTED'"
                + " and completed_at is null", timestamp(e.completedAt()), e.referralId());
    }

    private void answer(String referralId, String answer, Instant at) {
        writes.inOrder("update stats_referral set answer = ?, answered_at = ? where referral_id = ? and answer is null",
                answer, timestamp(at), referralId);
    }
}
