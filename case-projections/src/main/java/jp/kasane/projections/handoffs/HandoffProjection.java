package jp.kasane.projections.handoffs;

import jp.kasane.projections.BatchedProjection;
import jp.kasane.projections.ReplayTables;

import jp.kasane.core.supportcase.events.ReferralAccepted;
import jp.kasane.core.supportcase.events.ReferralCompleted;
import jp.kasane.core.supportcase.events.ReferralDeclined;
import jp.kasane.core.supportcase.events.ReferralRequested;
import jp.kasane.core.supportcase.events.ReferralWithdrawn;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import static jp.kasane.projections.SqlValues.textArray;
import static jp.kasane.projections.SqlValues.timestamp;

/**
 * The hand-off board read model (つなぎボード): one row per referral with its status and times, as
 * {@link jp.kasane.core.supportcase.CaseState} folds them (a withdrawal's time is its {@code answeredAt}).
 *
 * <p>Status changes are guarded by the transition the aggregate allowed (REQUESTED → ACCEPTED | DECLINED |
 * WITHDRAWN, ACCEPTED → COMPLETED), so an event delivered twice, or late, never moves a referral backwards.
 */
@Component
@ProcessingGroup(HandoffProjection.PROCESSING_GROUP)
public class HandoffProjection extends BatchedProjection {

    public static final String PROCESSING_GROUP = "handoffs";


    public HandoffProjection(JdbcTemplate jdbc) {
        super(jdbc);
    }

    @ResetHandler
    public void reset() {
        ReplayTables.empty(jdbc, "handoff");
    }

    @EventHandler
    public void on(ReferralRequested e) {
        writes.reorderable("""
                insert into handoff (referral_id, case_id, from_agency_id, to_agency_id, status, basis, consent_id,
                                     categories, requested_at, due_at)
                values (?, ?, ?, ?, 'REQUESTED', ?, ?, ?::text[], ?, ?)
                on conflict (referral_id) do nothing""",
                e.referralId(), e.caseId(), e.fromAgencyId(), e.toAgencyId(), e.basis().name(), e.consentId(),
                textArray(e.categories()), timestamp(e.requestedAt()), timestamp(e.dueAt()));
    }

    @EventHandler
    public void on(ReferralAccepted e) {
        writes.inOrder("update handoff set status = 'ACCEPTED', answered_at = ? where referral_id = ? and status = 'REQUESTED'",
                timestamp(e.answeredAt()), e.referralId());
    }

    @EventHandler
    public void on(ReferralDeclined e) {
        writes.inOrder("update handoff set status = 'DECLINED', answered_at = ? where referral_id = ? and status = 'REQUESTED'",
                timestamp(e.answeredAt()), e.referralId());
    }

    @EventHandler
    public void on(ReferralWithdrawn e) {
        writes.inOrder("update handoff set status = 'WITHDRAWN', answered_at = ? where referral_id = ? and status = 'REQUESTED'",
                timestamp(e.withdrawnAt()), e.referralId());
    }

    @EventHandler
    public void on(ReferralCompleted e) {
        writes.inOrder("update handoff set status = 'COMPLETED', completed_at = ? where referral_id = ? and status = 'ACCEPTED'",
                timestamp(e.completedAt()), e.referralId());
    }
}
