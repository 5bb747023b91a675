package jp.kasane.core.supportcase;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import jp.kasane.core.access.AccessDecision;
import jp.kasane.core.access.Caller;
import jp.kasane.core.access.DisclosurePolicy.Reader;
import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.access.LegalBasis;
import jp.kasane.core.access.Purpose;
import jp.kasane.core.access.Role;
import jp.kasane.core.agency.Agency;
import jp.kasane.core.agency.AgencyType;
import jp.kasane.core.consent.ConsentRecord;
import jp.kasane.core.meeting.Decision;
import jp.kasane.core.meeting.MeetingKind;
import jp.kasane.core.meeting.MeetingOnCase;
import jp.kasane.core.meeting.PlanRole;
import jp.kasane.core.referral.Referral;
import jp.kasane.core.referral.ReferralBasis;
import jp.kasane.core.referral.ReferralStatus;
import jp.kasane.core.referral.WithdrawalCause;
import jp.kasane.core.rules.RuleViolation;
import jp.kasane.core.supportcase.commands.*;
import jp.kasane.core.supportcase.events.*;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The case (ケース): the consistency boundary for everything that happens to one household's case. Every rule that
 * needs the case's own state (phases, consent coverage, referral answers, who may see it) is enforced here, so
 * the event store's (aggregate, sequence) constraint serialises them: a read racing a consent withdrawal is
 * decided after it or before it, never on a stale view.
 */
@Revision(SupportCase.SNAPSHOT_REVISION)
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class SupportCase {

    /**
     * The shape of a stored snapshot of this aggregate: its fields, {@link CaseState}'s and the records they hold.
     * Raise it with any change to them; snapshots of another revision are then ignored and cases are rebuilt from
     * their events, which stay the only truth.
     */
    public static final String SNAPSHOT_REVISION = "1";

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    @AggregateIdentifier
    private String caseId;
    private final CaseState state = new CaseState();

    protected SupportCase() {
        // for Axon
    }

    @CommandHandler
    public SupportCase(OpenCase cmd) {
        apply(new CaseOpened(cmd.caseId(), cmd.caller().agencyId(), cmd.members(), cmd.consultation()));
    }

    @EventSourcingHandler
    void on(CaseEvent event) {
        if (event instanceof CaseOpened opened) {
            caseId = opened.caseId();
        }
        state.apply(event);
    }

    // ---- reads -------------------------------------------------------------------------------------------------

    @CommandHandler
    public AccessDecision handle(DiscloseCase cmd, CaseRules rules) {
        Instant now = rules.now();
        Reader reader = rules.reader(cmd.caller(), cmd.purpose());
        AccessDecision decision = cmd.vitalInterestJustification() != null
                ? rules.policy().decideVitalInterest(state, reader, now)
                : rules.policy().decide(state, reader, now).orElseThrow(RuleViolation::notFound);
        if (rules.policy().isDisclosure(state, reader)) {
            apply(new CaseDisclosed(caseId, cmd.caller().agencyId(), cmd.caller().actor(), decision.basis(),
                    decision.categories(), cmd.purpose(), cmd.vitalInterestJustification(),
                    decision.basis() == LegalBasis.VITAL_INTEREST));
        }
        return decision;
    }

    // ---- consultations and notes -------------------------------------------------------------------------------

    @CommandHandler
    public CaseChange handle(RecordConsultation cmd, CaseRules rules) {
        authorizeWrite(cmd.caller(), cmd.expectedVersion(), CaseAction.RECORD_CONSULTATION, rules);
        if (state.phase() == Phase.CLOSED || state.phase() == Phase.SUSPENDED) {
            apply(new CaseReopened(caseId, cmd.caller().agencyId(), state.phase()));
        }
        apply(new ConsultationRecorded(caseId, cmd.consultation()));
        return changed();
    }

    @CommandHandler
    public CaseChange handle(RecordAssessment cmd, CaseRules rules) {
        authorizeWrite(cmd.caller(), cmd.expectedVersion(), CaseAction.RECORD_ASSESSMENT, rules);
        apply(new AssessmentRecorded(caseId, cmd.assessmentId(), cmd.caller().agencyId(), cmd.occurredAt(), cmd.summary()));
        return changed();
    }

    @CommandHandler
    public CaseChange handle(RecordMonitoringNote cmd, CaseRules rules) {
        authorizeWrite(cmd.caller(), cmd.expectedVersion(), CaseAction.RECORD_MONITORING, rules);
        apply(new MonitoringNoteRecorded(caseId, cmd.noteId(), cmd.caller().agencyId(), cmd.occurredAt(), cmd.note()));
        return changed();
    }

    // ---- consent -------------------------------------------------------------------------------------------------

    @CommandHandler
    public CaseChange handle(GiveConsent cmd, CaseRules rules) {
        authorizeWrite(cmd.caller(), cmd.expectedVersion(), CaseAction.GIVE_CONSENT, rules);
        if (state.member(cmd.givenByPersonId()).isEmpty()) {
            throw RuleViolation.invalid("UNKNOWN_PERSON",
                    "givenBy.personId is not a member of this case's household");
        }
        cmd.agencyIds().forEach(id -> requireAgency(id, rules));
        Instant now = rules.now();
        if (cmd.validUntil().isBefore(now.atZone(JAPAN).toLocalDate())) {
            throw RuleViolation.invalid("CONSENT_ALREADY_EXPIRED", "validUntil is in the past");
        }
        apply(new ConsentGiven(caseId, cmd.consentId(), cmd.givenByPersonId(), cmd.capacity(), cmd.agencyIds(),
                cmd.agencyTypes(), cmd.purposes(), cmd.categories(), cmd.validUntil(), cmd.caller().agencyId(), now));
        return changed();
    }

    @CommandHandler
    public CaseChange handle(WithdrawConsent cmd, CaseRules rules) {
        authorizeWrite(cmd.caller(), cmd.expectedVersion(), CaseAction.WITHDRAW_CONSENT, rules);
        ConsentRecord consent = state.consent(cmd.consentId())
                .orElseThrow(() -> new RuleViolation(RuleViolation.Kind.NOT_FOUND, "NOT_FOUND", "No such consent on this case"));
        Instant now = rules.now();
        if (consent.withdrawnAt() != null) {
            throw RuleViolation.conflict("CONSENT_ALREADY_WITHDRAWN", "The consent was already withdrawn");
        }
        apply(new ConsentWithdrawn(caseId, cmd.consentId(), cmd.reason(), now));
        // Pending referrals that rested on this consent fall with it (DOMAIN.md "Referrals").
        for (Referral r : state.openReferralsResting(ReferralBasis.CONSENT, cmd.consentId())) {
            apply(new ReferralWithdrawn(caseId, r.referralId(), WithdrawalCause.CONSENT_WITHDRAWN, null, now));
        }
        return changed();
    }

    // ---- referrals (つなぎ) ---------------------------------------------------------------------------------------

    @CommandHandler
    public CaseChange handle(RequestReferral cmd, CaseRules rules) {
        authorizeWrite(cmd.caller(), cmd.expectedVersion(), CaseAction.REQUEST_REFERRAL, rules);
        Agency to = requireAgency(cmd.toAgencyId(), rules);
        if (to.id().equals(cmd.caller().agencyId())) {
            throw RuleViolation.invalid("REFERRAL_TO_SELF", "An agency cannot refer a case to itself");
        }
        boolean alreadyOpen = state.referrals().stream()
                .anyMatch(r -> r.toAgencyId().equals(to.id()) && r.status().isOpen());
        if (alreadyOpen) {
            throw RuleViolation.conflict("REFERRAL_ALREADY_OPEN", "A referral to " + to.id() + " is already open on this case");
        }
        Instant now = rules.now();
        String consentId = null;
        String meetingId = null;
        Set<InformationCategory> categories = cmd.categories();
        if (cmd.basis() == ReferralBasis.CONSENT) {
            consentId = state.consents().stream()
                    .filter(c -> c.covers(to.id(), to.type(), Purpose.SUPPORT_COORDINATION, now)
                            && c.categories().containsAll(categories))
                    .map(ConsentRecord::consentId)
                    .reduce((a, b) -> b)
                    .orElseThrow(() -> RuleViolation.conflict("CONSENT_REQUIRED",
                            "No consent in force covers agency " + to.id() + " for " + categories));
        } else {
            meetingId = state.mandateToRefer(to.id())
                    .orElseThrow(() -> RuleViolation.conflict("MEETING_DECISION_REQUIRED",
                            "No 支援会議 decision refers this case to " + to.id()))
                    .meetingId();
        }
        Instant dueAt = rules.calendar().answerDueAt(now, rules.referralAnswerBusinessDays());
        apply(new ReferralRequested(caseId, cmd.referralId(), cmd.caller().agencyId(), to.id(), cmd.reason(),
                cmd.basis(), consentId, meetingId, categories, now, dueAt));
        return changed();
    }

    @CommandHandler
    public CaseChange handle(AcceptReferral cmd, CaseRules rules) {
        Referral r = referralForReceiver(cmd.caller(), cmd.referralId(), cmd.expectedVersion(), rules);
        requireReferralStatus(r, ReferralStatus.REQUESTED, "accept");
        requireConsentStillInForce(r, rules);
        apply(new ReferralAccepted(caseId, r.referralId(), cmd.caller().agencyId(), rules.now()));
        return changed();
    }

    @CommandHandler
    public CaseChange handle(DeclineReferral cmd, CaseRules rules) {
        Referral r = referralForReceiver(cmd.caller(), cmd.referralId(), cmd.expectedVersion(), rules);
        requireReferralStatus(r, ReferralStatus.REQUESTED, "decline");
        apply(new ReferralDeclined(caseId, r.referralId(), cmd.caller().agencyId(), cmd.reason(), rules.now()));
        return changed();
    }

    @CommandHandler
    public CaseChange handle(CompleteReferral cmd, CaseRules rules) {
        Referral r = referralForReceiver(cmd.caller(), cmd.referralId(), cmd.expectedVersion(), rules);
        requireReferralStatus(r, ReferralStatus.ACCEPTED, "complete");
        apply(new ReferralCompleted(caseId, r.referralId(), cmd.caller().agencyId(), rules.now()));
        return changed();
    }

    @CommandHandler
    public CaseChange handle(WithdrawReferral cmd, CaseRules rules) {
        Referral r = existingReferral(cmd.caller(), cmd.referralId(), rules);
        if (!r.fromAgencyId().equals(cmd.caller().agencyId())) {
            throw RuleViolation.forbidden("NOT_SENDING_AGENCY", "Only the sending agency may withdraw a referral");
        }
        checkVersion(cmd.expectedVersion());
        requireReferralStatus(r, ReferralStatus.REQUESTED, "withdraw");
        apply(new ReferralWithdrawn(caseId, r.referralId(), WithdrawalCause.BY_SENDER, cmd.reason(), rules.now()));
        return changed();
    }

    // ---- escalation and meetings ---------------------------------------------------------------------------------

    @CommandHandler
    public CaseChange handle(EscalateCase cmd, CaseRules rules) {
        authorizeWrite(cmd.caller(), cmd.expectedVersion(), CaseAction.ESCALATE, rules);
        if (state.coordinatorAgencyId().isPresent()) {
            throw RuleViolation.conflict("ALREADY_ESCALATED", "The case is already with 多機関協働 ("
                    + state.coordinatorAgencyId().get() + ")");
        }
        Agency coordinator = Optional.ofNullable(cmd.coordinatorAgencyId())
                .map(id -> requireAgency(id, rules))
                .or(() -> rules.agencies().all().stream()
                        .filter(a -> a.type() == AgencyType.MULTI_AGENCY_COORDINATOR).findFirst())
                .orElseThrow(() -> RuleViolation.invalid("NO_COORDINATOR", "The registry has no MULTI_AGENCY_COORDINATOR"));
        if (coordinator.type() != AgencyType.MULTI_AGENCY_COORDINATOR) {
            throw RuleViolation.invalid("NOT_A_COORDINATOR", coordinator.id() + " is not a MULTI_AGENCY_COORDINATOR");
        }
        apply(new CaseEscalated(caseId, cmd.caller().agencyId(), coordinator.id(), cmd.reason()));
        return changed();
    }

    @CommandHandler
    public CaseChange handle(TableCaseAtMeeting cmd, CaseRules rules) {
        authorizeWrite(cmd.caller(), null, CaseAction.TABLE_AT_MEETING, rules);
        Instant now = rules.now();
        if (cmd.kind() == MeetingKind.MULTILAYER_MEETING) {
            // 重層的支援会議: consent in force must cover every attendee that does not already hold the record.
            for (String agencyId : cmd.attendeeAgencyIds()) {
                Agency attendee = requireAgency(agencyId, rules);
                boolean holder = agencyId.equals(state.openingAgencyId())
                        || state.coordinatorAgencyId().filter(agencyId::equals).isPresent();
                boolean covered = state.consents().stream()
                        .anyMatch(c -> c.inForceAt(now) && c.names(attendee.id(), attendee.type()));
                if (!holder && !covered) {
                    throw RuleViolation.conflict("CONSENT_REQUIRED", "No consent in force covers attending agency "
                            + agencyId + " for case " + caseId);
                }
            }
        }
        Instant accessUntil = cmd.heldOn().plusDays(1).atStartOfDay(JAPAN).toInstant()
                .plus(rules.supportMeetingAccessAfter());
        apply(new CaseTabledAtMeeting(caseId, cmd.meetingId(), cmd.kind(), cmd.heldOn(), cmd.caller().agencyId(),
                cmd.attendeeAgencyIds(), accessUntil));
        return changed();
    }

    @CommandHandler
    public CaseChange handle(AcknowledgeConfidentialityForCase cmd, CaseRules rules) {
        MeetingOnCase meeting = state.meeting(cmd.meetingId()).orElseThrow(RuleViolation::notFound);
        if (!meeting.acknowledgedAt().containsKey(cmd.agencyId())) {
            apply(new ConfidentialityAcknowledgedForCase(caseId, cmd.meetingId(), cmd.agencyId(), rules.now()));
        }
        return changed();
    }

    @CommandHandler
    public CaseChange handle(ApplyMeetingDecisions cmd, CaseRules rules) {
        MeetingOnCase meeting = state.meeting(cmd.meetingId())
                .orElseThrow(() -> RuleViolation.conflict("CASE_NOT_ON_AGENDA", "The case is not on this meeting's agenda"));
        if (!meeting.convenerAgencyId().equals(cmd.caller().agencyId()) && !rules.mayWrite(state, cmd.caller())) {
            throw RuleViolation.notFound();
        }
        checkVersion(cmd.expectedVersion());
        for (Decision d : cmd.decisions()) {
            if (!meeting.kind().mayDecide(d.type())) {
                throw RuleViolation.conflict("DECISION_NOT_ALLOWED", "A " + meeting.kind() + " may not decide " + d.type());
            }
            applyDecision(meeting.meetingId(), d, rules);
        }
        return changed();
    }

    private void applyDecision(String meetingId, Decision d, CaseRules rules) {
        if (d instanceof Decision.AcceptForSupport) {
            requirePhase(CaseAction.ACCEPT_FOR_SUPPORT);
            apply(new AcceptedForSupport(caseId, meetingId));
        } else if (d instanceof Decision.AdoptPlan p) {
            requirePhase(CaseAction.ADOPT_PLAN);
            requireAgency(p.leadAgencyId(), rules);
            p.roles().stream().map(PlanRole::agencyId).forEach(id -> requireAgency(id, rules));
            apply(new PlanAdopted(caseId, meetingId, p.goals(), p.roles(), p.leadAgencyId(), p.reviewOn()));
        } else if (d instanceof Decision.ApproveParticipationSupport p) {
            requirePhase(CaseAction.APPROVE_PARTICIPATION_SUPPORT);
            Agency partner = requireAgency(p.partnerAgencyId(), rules);
            if (partner.type() != AgencyType.PARTICIPATION_PARTNER) {
                throw RuleViolation.invalid("NOT_A_PARTICIPATION_PARTNER", partner.id() + " is not a PARTICIPATION_PARTNER");
            }
            apply(new ParticipationSupportApproved(caseId, meetingId, partner.id()));
        } else if (d instanceof Decision.Evaluate e) {
            requirePhase(CaseAction.EVALUATE);
            apply(new CaseEvaluated(caseId, meetingId, e.evaluation()));
        } else if (d instanceof Decision.Close c) {
            requirePhase(CaseAction.CLOSE_BY_MEETING);
            apply(new CaseClosed(caseId, meetingId, null, c.reason(), null));
        } else if (d instanceof Decision.Suspend s) {
            requirePhase(CaseAction.SUSPEND);
            apply(new CaseSuspended(caseId, meetingId, s.reason()));
        } else if (d instanceof Decision.ResourceGap g) {
            requirePhase(CaseAction.NOTE_RESOURCE_GAP);
            apply(new ResourceGapNoted(caseId, meetingId, g.description()));
        } else if (d instanceof Decision.Refer r) {
            requirePhase(CaseAction.MANDATE_REFERRAL);
            requireAgency(r.toAgencyId(), rules);
            apply(new ReferralMandated(caseId, meetingId, r.toAgencyId(), r.categories()));
        }
    }

    @CommandHandler
    public CaseChange handle(CloseCase cmd, CaseRules rules) {
        if (!rules.mayWrite(state, cmd.caller())) {
            throw RuleViolation.notFound();
        }
        if (!cmd.caller().agencyId().equals(state.leadAgencyId()) && !cmd.caller().has(Role.COORDINATOR)) {
            throw RuleViolation.forbidden("NOT_LEAD_AGENCY", "Only the lead agency (主担当) or a coordinator may close the case");
        }
        checkVersion(cmd.expectedVersion());
        requirePhase(CaseAction.CLOSE);
        apply(new CaseClosed(caseId, null, cmd.caller().agencyId(), cmd.reason(), cmd.evaluation()));
        return changed();
    }

    // ---- shared checks -------------------------------------------------------------------------------------------

    /** The caller must be able to see the case (else it does not exist for them), be current, and the phase must allow it. */
    private void authorizeWrite(Caller caller, Long expectedVersion, CaseAction action, CaseRules rules) {
        if (!rules.mayWrite(state, caller)) {
            throw RuleViolation.notFound();
        }
        checkVersion(expectedVersion);
        requirePhase(action);
    }

    private void checkVersion(Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != state.version()) {
            throw new RuleViolation(RuleViolation.Kind.STALE, "VERSION_MISMATCH",
                    "The case is at version " + state.version() + ", not " + expectedVersion);
        }
    }

    private void requirePhase(CaseAction action) {
        if (!action.allowedIn(state.phase())) {
            throw RuleViolation.conflict("INVALID_TRANSITION", "Cannot " + action + " a case in phase "
                    + state.phase() + " (current phase: " + state.phase() + "; allowed in " + action.allowedPhases() + ")");
        }
    }

    private Referral existingReferral(Caller caller, String referralId, CaseRules rules) {
        Optional<Referral> r = state.referral(referralId);
        boolean party = r.map(x -> x.toAgencyId().equals(caller.agencyId()) || x.fromAgencyId().equals(caller.agencyId()))
                .orElse(false);
        if (r.isEmpty() || (!party && !rules.mayWrite(state, caller))) {
            throw RuleViolation.notFound();
        }
        return r.get();
    }

    private Referral referralForReceiver(Caller caller, String referralId, Long expectedVersion, CaseRules rules) {
        Referral r = existingReferral(caller, referralId, rules);
        if (!r.toAgencyId().equals(caller.agencyId())) {
            throw RuleViolation.forbidden("NOT_RECEIVING_AGENCY", "Only the receiving agency may answer a referral");
        }
        checkVersion(expectedVersion);
        requirePhase(CaseAction.ANSWER_REFERRAL);
        return r;
    }

    /**
     * A referral on consent is accepted only while that consent still covers the receiver: once it has expired the
     * receiver would hold a case it has no basis to see. (A withdrawn consent has already withdrawn the referral.)
     */
    private void requireConsentStillInForce(Referral r, CaseRules rules) {
        if (r.basis() != ReferralBasis.CONSENT) {
            return;
        }
        Agency receiver = requireAgency(r.toAgencyId(), rules);
        boolean inForce = state.consent(r.consentId())
                .filter(c -> c.covers(receiver.id(), receiver.type(), Purpose.SUPPORT_COORDINATION, rules.now())
                        && c.categories().containsAll(r.categories()))
                .isPresent();
        if (!inForce) {
            throw RuleViolation.conflict("CONSENT_REQUIRED", "The consent this referral rests on no longer covers agency "
                    + receiver.id() + " (it has expired); the sending agency needs a new consent and a new referral");
        }
    }

    private static void requireReferralStatus(Referral r, ReferralStatus wanted, String verb) {
        if (r.status() != wanted) {
            throw RuleViolation.conflict("INVALID_TRANSITION", "Cannot " + verb + " a referral that is " + r.status()
                    + " (current status: " + r.status() + ")");
        }
    }

    private static Agency requireAgency(String agencyId, CaseRules rules) {
        return rules.agencies().find(agencyId)
                .orElseThrow(() -> RuleViolation.invalid("UNKNOWN_AGENCY", "No agency " + agencyId + " in the registry"));
    }

    private CaseChange changed() {
        return new CaseChange(state.version());
    }
}
