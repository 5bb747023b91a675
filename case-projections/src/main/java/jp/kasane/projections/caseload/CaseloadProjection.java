package jp.kasane.projections.caseload;

import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.consent.ConsentRecord;
import jp.kasane.core.meeting.PlanRole;
import jp.kasane.core.supportcase.Phase;
import jp.kasane.core.supportcase.events.AcceptedForSupport;
import jp.kasane.core.supportcase.events.AssessmentRecorded;
import jp.kasane.core.supportcase.events.CaseClosed;
import jp.kasane.core.supportcase.events.CaseEscalated;
import jp.kasane.core.supportcase.events.CaseEvaluated;
import jp.kasane.core.supportcase.events.CaseEvent;
import jp.kasane.core.supportcase.events.CaseOpened;
import jp.kasane.core.supportcase.events.CaseReopened;
import jp.kasane.core.supportcase.events.CaseSuspended;
import jp.kasane.core.supportcase.events.ConsentGiven;
import jp.kasane.core.supportcase.events.ConsentWithdrawn;
import jp.kasane.core.supportcase.events.ConsultationRecorded;
import jp.kasane.core.supportcase.events.MonitoringNoteRecorded;
import jp.kasane.core.supportcase.events.ParticipationSupportApproved;
import jp.kasane.core.supportcase.events.PlanAdopted;
import jp.kasane.core.supportcase.events.ReferralAccepted;
import jp.kasane.core.supportcase.events.ReferralCompleted;
import jp.kasane.core.supportcase.events.ReferralDeclined;
import jp.kasane.core.supportcase.events.ReferralRequested;
import jp.kasane.core.supportcase.events.ReferralWithdrawn;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static jp.kasane.projections.SqlValues.textArray;
import static jp.kasane.projections.SqlValues.timestamp;

/**
 * The caseload read model (担当ケース一覧): per case its phase, issues, lead agency and next review, and which
 * agencies hold it on an OWN_RECORD basis with which information categories.
 *
 * <p>Phases change exactly as {@link jp.kasane.core.supportcase.CaseState#apply} changes them. Every handler is
 * idempotent (upserts, guarded transitions), because a streaming processor delivers at least once; a re-delivered
 * suffix of a case's stream, applied in order, ends in the same rows. The group reads no other group's tables.
 */
@Component
@ProcessingGroup(CaseloadProjection.PROCESSING_GROUP)
public class CaseloadProjection {

    public static final String PROCESSING_GROUP = "caseload";

    static final String OPENED = "OPENED";
    static final String COORDINATOR = "COORDINATOR";
    static final String PLAN = "PLAN";
    static final String PARTICIPATION = "PARTICIPATION";
    static final String REFERRAL_PREFIX = "REFERRAL:";

    private static final String[] ALL = textArray(InformationCategory.all());
    private static final String[] BASIC = textArray(Set.of(InformationCategory.BASIC));

    private final JdbcTemplate jdbc;

    public CaseloadProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @ResetHandler
    public void reset() {
        jdbc.update("delete from caseload_holder");
        jdbc.update("delete from caseload_referral");
        jdbc.update("delete from caseload_consent");
        jdbc.update("delete from caseload_case");
    }

    // ---- the case and its phase --------------------------------------------------------------------------------

    @EventHandler
    public void on(CaseOpened e, @Timestamp Instant at) {
        jdbc.update("""
                insert into caseload_case (case_id, opening_agency_id, phase, issues, lead_agency_id, updated_at)
                values (?, ?, ?, '{}', ?, ?)
                on conflict (case_id) do nothing""",
                e.caseId(), e.openingAgencyId(), Phase.INTAKE.name(), e.openingAgencyId(), timestamp(at));
        addIssues(e.caseId(), e.consultation().issues());
        hold(e.caseId(), e.openingAgencyId(), OPENED, ALL);
        touch(e.caseId(), at);
    }

    @EventHandler
    public void on(ConsultationRecorded e, @Timestamp Instant at) {
        addIssues(e.caseId(), e.consultation().issues());
        touch(e.caseId(), at);
    }

    @EventHandler
    public void on(CaseReopened e, @Timestamp Instant at) {
        phase(e, Phase.INTAKE, at);
    }

    @EventHandler
    public void on(AssessmentRecorded e, @Timestamp Instant at) {
        phase(e, Phase.ASSESSMENT, at);
    }

    @EventHandler
    public void on(MonitoringNoteRecorded e, @Timestamp Instant at) {
        phase(e, Phase.MONITORING, at);
    }

    @EventHandler
    public void on(AcceptedForSupport e, @Timestamp Instant at) {
        phase(e, Phase.ACCEPTED_FOR_SUPPORT, at);
    }

    @EventHandler
    public void on(CaseEvaluated e, @Timestamp Instant at) {
        phase(e, Phase.EVALUATION, at);
    }

    @EventHandler
    public void on(CaseClosed e, @Timestamp Instant at) {
        phase(e, Phase.CLOSED, at);
    }

    @EventHandler
    public void on(CaseSuspended e, @Timestamp Instant at) {
        phase(e, Phase.SUSPENDED, at);
    }

    /** A plan adopted or revised: its roles and lead replace the previous plan's; only ACCEPTED_FOR_SUPPORT moves on. */
    @EventHandler
    public void on(PlanAdopted e, @Timestamp Instant at) {
        jdbc.update("""
                update caseload_case
                   set phase = case when phase = ? then ? else phase end,
                       lead_agency_id = coalesce(?::varchar, opening_agency_id),
                       next_review_on = ?
                 where case_id = ?""",
                Phase.ACCEPTED_FOR_SUPPORT.name(), Phase.PLANNED.name(), e.leadAgencyId(), e.reviewOn(), e.caseId());
        jdbc.update("delete from caseload_holder where case_id = ? and reason = ?", e.caseId(), PLAN);
        Set<String> agencies = new LinkedHashSet<>();
        if (e.leadAgencyId() != null) {
            agencies.add(e.leadAgencyId());
        }
        if (e.roles() != null) {
            e.roles().stream().map(PlanRole::agencyId).forEach(agencies::add);
        }
        agencies.forEach(agencyId -> hold(e.caseId(), agencyId, PLAN, BASIC));
        touch(e.caseId(), at);
    }

    @EventHandler
    public void on(ParticipationSupportApproved e, @Timestamp Instant at) {
        hold(e.caseId(), e.partnerAgencyId(), PARTICIPATION, BASIC);
        phase(e, Phase.SUPPORTING, at);
    }

    @EventHandler
    public void on(CaseEscalated e, @Timestamp Instant at) {
        hold(e.caseId(), e.coordinatorAgencyId(), COORDINATOR, ALL);
        touch(e.caseId(), at);
    }

    // ---- consent and referrals: who holds the case through an accepted referral -----------------------------------

    @EventHandler
    public void on(ConsentGiven e, @Timestamp Instant at) {
        Instant expiresAt = e.validUntil().plusDays(1).atStartOfDay(ConsentRecord.JAPAN).toInstant();
        jdbc.update("""
                insert into caseload_consent (consent_id, case_id, expires_at) values (?, ?, ?)
                on conflict (consent_id) do nothing""",
                e.consentId(), e.caseId(), timestamp(expiresAt));
        touch(e.caseId(), at);
    }

    /** Withdrawal ends at once every holding that rested on the consent (DisclosurePolicy: referralBasisHolds). */
    @EventHandler
    public void on(ConsentWithdrawn e, @Timestamp Instant at) {
        jdbc.update("update caseload_consent set withdrawn_at = coalesce(withdrawn_at, ?) where consent_id = ?",
                timestamp(e.withdrawnAt()), e.consentId());
        jdbc.update("""
                delete from caseload_holder h
                 using caseload_referral r
                 where r.consent_id = ? and r.basis = 'CONSENT'
                   and h.case_id = r.case_id and h.agency_id = r.to_agency_id
                   and h.reason = ?::text || r.referral_id""",
                e.consentId(), REFERRAL_PREFIX);
        touch(e.caseId(), at);
    }

    @EventHandler
    public void on(ReferralRequested e, @Timestamp Instant at) {
        jdbc.update("""
                insert into caseload_referral (referral_id, case_id, to_agency_id, basis, consent_id, categories, status)
                values (?, ?, ?, ?, ?, ?::text[], 'REQUESTED')
                on conflict (referral_id) do nothing""",
                e.referralId(), e.caseId(), e.toAgencyId(), e.basis().name(), e.consentId(),
                textArray(e.categories()));
        touch(e.caseId(), at);
    }

    /**
     * The receiver now holds the case for the referral's categories, as long as what the referral rests on holds:
     * a consent-based holding ends when the consent is withdrawn or expires.
     */
    @EventHandler
    public void on(ReferralAccepted e, @Timestamp Instant at) {
        jdbc.update("update caseload_referral set status = 'ACCEPTED' where referral_id = ? and status = 'REQUESTED'",
                e.referralId());
        jdbc.update("""
                insert into caseload_holder (case_id, agency_id, reason, categories, expires_at)
                select r.case_id, r.to_agency_id, ?::text || r.referral_id, r.categories, c.expires_at
                  from caseload_referral r
                  left join caseload_consent c on c.consent_id = r.consent_id
                 where r.referral_id = ?
                   and (r.basis <> 'CONSENT' or (c.consent_id is not null and c.withdrawn_at is null))
                on conflict (case_id, agency_id, reason) do nothing""",
                REFERRAL_PREFIX, e.referralId());
        touch(e.caseId(), at);
    }

    @EventHandler
    public void on(ReferralCompleted e, @Timestamp Instant at) {
        jdbc.update("update caseload_referral set status = 'COMPLETED' where referral_id = ? and status = 'ACCEPTED'",
                e.referralId());
        touch(e.caseId(), at);
    }

    @EventHandler
    public void on(ReferralDeclined e, @Timestamp Instant at) {
        endReferral(e.caseId(), e.referralId(), "DECLINED", at);
    }

    @EventHandler
    public void on(ReferralWithdrawn e, @Timestamp Instant at) {
        endReferral(e.caseId(), e.referralId(), "WITHDRAWN", at);
    }

    /**
     * Every other event that changes the case (meetings tabled, acknowledgements, resource gaps, mandates) only
     * moves it up the list. {@code CaseDisclosed} is a read, not a change, and is ignored.
     */
    @EventHandler
    public void on(CaseEvent e, @Timestamp Instant at) {
        if (e.changesCase()) {
            touch(e.caseId(), at);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private void endReferral(String caseId, String referralId, String status, Instant at) {
        jdbc.update("update caseload_referral set status = ? where referral_id = ? and status = 'REQUESTED'",
                status, referralId);
        jdbc.update("""
                delete from caseload_holder h
                 using caseload_referral r
                 where r.referral_id = ? and r.status in ('DECLINED', 'WITHDRAWN')
                   and h.case_id = r.case_id and h.agency_id = r.to_agency_id and h.reason = ?::text || r.referral_id""",
                referralId, REFERRAL_PREFIX);
        touch(caseId, at);
    }

    private void phase(CaseEvent e, Phase phase, Instant at) {
        jdbc.update("update caseload_case set phase = ? where case_id = ?", phase.name(), e.caseId());
        touch(e.caseId(), at);
    }

    /** Adds issue codes not yet on the case, keeping the order in which they first appeared. */
    private void addIssues(String caseId, List<String> issues) {
        if (issues == null || issues.isEmpty()) {
            return;
        }
        jdbc.update("""
                update caseload_case c
                   set issues = c.issues || array(
                         select u.code from unnest(?::text[]) with ordinality as u(code, n)
                          where not (u.code = any(c.issues))
                          group by u.code order by min(u.n))
                 where c.case_id = ?""",
                textArray(issues), caseId);
    }

    private void hold(String caseId, String agencyId, String reason, String[] categories) {
        jdbc.update("""
                insert into caseload_holder (case_id, agency_id, reason, categories) values (?, ?, ?, ?::text[])
                on conflict (case_id, agency_id, reason) do update set categories = excluded.categories""",
                caseId, agencyId, reason, categories);
    }

    /** Moves the case up the caseload; never back, so a re-delivered older event does not reorder it. */
    private void touch(String caseId, Instant at) {
        if (at != null) {
            jdbc.update("update caseload_case set updated_at = greatest(updated_at, ?) where case_id = ?",
                    timestamp(at), caseId);
        }
    }
}
