package jp.kasane.core.supportcase;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import jp.kasane.core.consent.ConsentRecord;
import jp.kasane.core.meeting.MeetingOnCase;
import jp.kasane.core.meeting.SupportPlan;
import jp.kasane.core.personaldata.Sealed;
import jp.kasane.core.referral.Referral;
import jp.kasane.core.referral.ReferralBasis;
import jp.kasane.core.referral.ReferralStatus;
import jp.kasane.core.supportcase.events.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A case as its events make it: the one fold of a case stream. The aggregate decides on it, the case view is
 * rendered from it, and an auditor's "as it was known at" replay folds the same events up to a moment.
 * Snapshots of a long case store its fields as they are (see {@link SupportCase#SNAPSHOT_REVISION}).
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public final class CaseState {

    /** One text written on the case that is not a consultation: an assessment, note, evaluation or closure. */
    public record Entry(String kind, String entryId, String agencyId, Instant occurredAt, Sealed text, String meetingId) {
    }

    /** A decision a meeting took about this case. */
    public record MeetingDecision(String meetingId, String type, Sealed text, String agencyId) {
    }

    private String caseId;
    private String openingAgencyId;
    private Phase phase;
    private long version;
    private String coordinatorAgencyId;
    private final Map<String, HouseholdMember> members = new LinkedHashMap<>();
    private final Set<String> issues = new LinkedHashSet<>();
    private final List<Consultation> consultations = new ArrayList<>();
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, ConsentRecord> consents = new LinkedHashMap<>();
    private final Map<String, Referral> referrals = new LinkedHashMap<>();
    private final Map<String, MeetingOnCase> meetings = new LinkedHashMap<>();
    private final List<MeetingDecision> decisions = new ArrayList<>();
    private final List<ReferralMandated> referralMandates = new ArrayList<>();
    private final Set<String> participationPartners = new LinkedHashSet<>();
    private SupportPlan plan;
    private boolean evaluatedSinceLastClose;

    public void apply(CaseEvent event) {
        if (event.changesCase()) {
            version++;
        }
        if (event instanceof CaseOpened e) {
            caseId = e.caseId();
            openingAgencyId = e.openingAgencyId();
            phase = Phase.INTAKE;
            e.members().forEach(m -> members.put(m.personId(), m));
            addConsultation(e.consultation());
        } else if (event instanceof ConsultationRecorded e) {
            addConsultation(e.consultation());
        } else if (event instanceof CaseReopened) {
            phase = Phase.INTAKE;
            evaluatedSinceLastClose = false;
        } else if (event instanceof AssessmentRecorded e) {
            entries.add(new Entry("ASSESSMENT", e.assessmentId(), e.agencyId(), e.occurredAt(), e.summary(), null));
            phase = Phase.ASSESSMENT;
        } else if (event instanceof MonitoringNoteRecorded e) {
            entries.add(new Entry("MONITORING", e.noteId(), e.agencyId(), e.occurredAt(), e.note(), null));
            phase = Phase.MONITORING;
        } else if (event instanceof ConsentGiven e) {
            consents.put(e.consentId(), new ConsentRecord(e.consentId(), e.givenByPersonId(), e.capacity(),
                    e.agencyIds(), e.agencyTypes(), e.purposes(), e.categories(), e.validUntil(), e.givenAt(), null));
        } else if (event instanceof ConsentWithdrawn e) {
            consents.computeIfPresent(e.consentId(), (id, c) -> c.withdrawn(e.withdrawnAt()));
        } else if (event instanceof ReferralRequested e) {
            referrals.put(e.referralId(), new Referral(e.referralId(), e.fromAgencyId(), e.toAgencyId(), e.reason(),
                    e.basis(), e.consentId(), e.meetingId(), e.categories(), e.requestedAt(), e.dueAt(),
                    ReferralStatus.REQUESTED, null, null, null, null));
        } else if (event instanceof ReferralAccepted e) {
            referrals.computeIfPresent(e.referralId(), (id, r) -> r.answered(ReferralStatus.ACCEPTED, e.answeredAt(), null));
        } else if (event instanceof ReferralDeclined e) {
            referrals.computeIfPresent(e.referralId(), (id, r) -> r.answered(ReferralStatus.DECLINED, e.answeredAt(), e.reason()));
        } else if (event instanceof ReferralWithdrawn e) {
            referrals.computeIfPresent(e.referralId(), (id, r) -> r.withdrawn(e.cause(), e.withdrawnAt(), e.reason()));
        } else if (event instanceof ReferralCompleted e) {
            referrals.computeIfPresent(e.referralId(), (id, r) -> r.completed(e.completedAt()));
        } else if (event instanceof CaseEscalated e) {
            coordinatorAgencyId = e.coordinatorAgencyId();
        } else if (event instanceof CaseTabledAtMeeting e) {
            meetings.put(e.meetingId(), new MeetingOnCase(e.meetingId(), e.kind(), e.heldOn(), e.convenerAgencyId(),
                    e.attendeeAgencyIds(), e.accessUntil(), Map.of()));
        } else if (event instanceof ConfidentialityAcknowledgedForCase e) {
            meetings.computeIfPresent(e.meetingId(), (id, m) -> m.acknowledgedBy(e.agencyId(), e.acknowledgedAt()));
        } else if (event instanceof AcceptedForSupport e) {
            decisions.add(new MeetingDecision(e.meetingId(), "ACCEPT_FOR_SUPPORT", null, null));
            phase = Phase.ACCEPTED_FOR_SUPPORT;
        } else if (event instanceof PlanAdopted e) {
            decisions.add(new MeetingDecision(e.meetingId(), "ADOPT_PLAN", null, e.leadAgencyId()));
            plan = new SupportPlan(e.meetingId(), e.goals(), e.roles(), e.leadAgencyId(), e.reviewOn());
            if (phase == Phase.ACCEPTED_FOR_SUPPORT) {
                phase = Phase.PLANNED;
            }
        } else if (event instanceof ParticipationSupportApproved e) {
            decisions.add(new MeetingDecision(e.meetingId(), "APPROVE_PARTICIPATION_SUPPORT", null, e.partnerAgencyId()));
            participationPartners.add(e.partnerAgencyId());
            phase = Phase.SUPPORTING;
        } else if (event instanceof CaseEvaluated e) {
            decisions.add(new MeetingDecision(e.meetingId(), "EVALUATE", e.evaluation(), null));
            entries.add(new Entry("EVALUATION", null, null, null, e.evaluation(), e.meetingId()));
            evaluatedSinceLastClose = true;
            phase = Phase.EVALUATION;
        } else if (event instanceof CaseClosed e) {
            if (e.meetingId() != null) {
                decisions.add(new MeetingDecision(e.meetingId(), "CLOSE", e.reason(), null));
            }
            entries.add(new Entry("CLOSURE", null, e.agencyId(), null, e.reason(), e.meetingId()));
            if (e.evaluation() != null) {
                entries.add(new Entry("EVALUATION", null, e.agencyId(), null, e.evaluation(), e.meetingId()));
            }
            phase = Phase.CLOSED;
        } else if (event instanceof CaseSuspended e) {
            decisions.add(new MeetingDecision(e.meetingId(), "SUSPEND", e.reason(), null));
            phase = Phase.SUSPENDED;
        } else if (event instanceof ResourceGapNoted e) {
            decisions.add(new MeetingDecision(e.meetingId(), "RESOURCE_GAP", e.description(), null));
        } else if (event instanceof ReferralMandated e) {
            decisions.add(new MeetingDecision(e.meetingId(), "REFER", null, e.toAgencyId()));
            referralMandates.add(e);
        }
        // CaseDisclosed changes nothing: it is the ledger of reads.
    }

    private void addConsultation(Consultation c) {
        consultations.add(c);
        issues.addAll(c.issues());
    }

    public String caseId() { return caseId; }
    public String openingAgencyId() { return openingAgencyId; }
    public Phase phase() { return phase; }
    public long version() { return version; }
    public Optional<String> coordinatorAgencyId() { return Optional.ofNullable(coordinatorAgencyId); }
    public Collection<HouseholdMember> members() { return members.values(); }
    public Optional<HouseholdMember> member(String personId) { return Optional.ofNullable(members.get(personId)); }
    public Set<String> issues() { return issues; }
    public List<Consultation> consultations() { return consultations; }
    public List<Entry> entries() { return entries; }
    public Collection<ConsentRecord> consents() { return consents.values(); }
    public Optional<ConsentRecord> consent(String consentId) { return Optional.ofNullable(consents.get(consentId)); }
    public Collection<Referral> referrals() { return referrals.values(); }
    public Optional<Referral> referral(String referralId) { return Optional.ofNullable(referrals.get(referralId)); }
    public Collection<MeetingOnCase> meetings() { return meetings.values(); }
    public Optional<MeetingOnCase> meeting(String meetingId) { return Optional.ofNullable(meetings.get(meetingId)); }
    public List<MeetingDecision> decisions() { return decisions; }
    public Optional<SupportPlan> plan() { return Optional.ofNullable(plan); }
    public Set<String> participationPartners() { return participationPartners; }
    public boolean evaluatedSinceLastClose() { return evaluatedSinceLastClose; }

    /** The data subject whose key seals the case's free text: the person the case is about (SELF), else the first member. */
    public String principalPersonId() {
        return members.values().stream().filter(m -> "SELF".equals(m.relationship())).findFirst()
                .or(() -> members.values().stream().findFirst())
                .map(HouseholdMember::personId)
                .orElse(caseId);
    }

    /** The agency that leads the case: the plan's 主担当, or the agency that opened it while there is no plan. */
    public String leadAgencyId() {
        return plan != null && plan.leadAgencyId() != null ? plan.leadAgencyId() : openingAgencyId;
    }

    public boolean hasMandateToRefer(String meetingId, String toAgencyId) {
        return referralMandates.stream()
                .anyMatch(m -> m.toAgencyId().equals(toAgencyId) && (meetingId == null || m.meetingId().equals(meetingId)));
    }

    public Optional<ReferralMandated> mandateToRefer(String toAgencyId) {
        return referralMandates.stream().filter(m -> m.toAgencyId().equals(toAgencyId)).reduce((a, b) -> b);
    }

    public List<Referral> openReferralsResting(ReferralBasis basis, String consentId) {
        return referrals.values().stream()
                .filter(r -> r.status() == ReferralStatus.REQUESTED && r.basis() == basis && consentId.equals(r.consentId()))
                .toList();
    }
}
