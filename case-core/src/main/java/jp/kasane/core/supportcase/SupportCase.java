package jp.kasane.core.supportcase;

import jp.kasane.core.agency.AgencyDirectory;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import jp.kasane.core.access.AccessDecision;
import jp.kasane.core.access.Caller;
import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.access.Purpose;
import jp.kasane.core.access.Role;
import jp.kasane.core.agency.Agency;
import jp.kasane.core.agency.AgencyType;
import jp.kasane.core.consent.ConsentRecord;
import jp.kasane.core.consent.ConsentScope;
import jp.kasane.core.meeting.Decision;
import jp.kasane.core.meeting.MeetingOnCase;
import jp.kasane.core.meeting.PlanRole;
import jp.kasane.core.referral.Referral;
import jp.kasane.core.referral.ReferralBasis;
import jp.kasane.core.referral.ReferralStatus;
import jp.kasane.core.referral.WithdrawalCause;
import jp.kasane.core.rules.RuleViolation;
import jp.kasane.core.rules.TimeBounds;
import jp.kasane.core.supportcase.DisclosurePolicy.Reader;
import jp.kasane.core.supportcase.commands.*;
import jp.kasane.core.supportcase.events.*;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The case (ケース): the consistency boundary for everything that happens to one household's case. Every rule that
 * needs the case's own state (phases, who holds the case, consent coverage person by person, referral answers) is
 * enforced here, on the state the event store serialises, never on a projection.
 *
 * <p>Every command starts the same way: a caller with no basis on the case at all is told the case does not exist
 * (404) before anything else is checked; a caller who may see it but does not hold it is refused as
 * {@code NOT_A_HOLDER} (403) where holding is needed; only then come the version, the phase and the request's fields.
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
    public static final String SNAPSHOT_REVISION = "2";

    @AggregateIdentifier
    private String caseId;
    private final CaseState state = new CaseState();

    protected SupportCase() {
        // for Axon
    }

    @CommandHandler
    public SupportCase(OpenCase cmd, CaseRules rules) {
        RuleViolation.Fields bad = new RuleViolation.Fields();
        checkIssues(bad, cmd.consultation().issues(), rules);
        // One person is the one the case is about (the principal): a household has at most one SELF member.
        boolean self = false;
        for (int i = 0; i < cmd.members().size(); i++) {
            HouseholdMember m = cmd.members().get(i);
            checkMember(bad, "household.members[" + i + "].", m, self);
            self |= m.isSelf();
        }
        bad.throwIfAny();
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

    /** Decides a read and builds, on the same state, the view it allows. Records nothing: the ledger is beside the stream. */
    @CommandHandler
    public Disclosure handle(DiscloseCase cmd, CaseRules rules) {
        Instant now = rules.now();
        Reader reader = rules.reader(cmd.caller(), cmd.purpose());
        AccessDecision decision = cmd.vitalInterestJustification() != null
                ? rules.policy().decideVitalInterest(state, reader, now)
                : rules.policy().decide(state, reader, now).orElseThrow(RuleViolation::notFound);
        return new Disclosure(decision, CaseView.of(state, decision, now, rules.issues()), state.version(),
                rules.policy().isDisclosure(state, reader));
    }

    // ---- consultations and notes -------------------------------------------------------------------------------

    @CommandHandler
    public CaseChange handle(RecordConsultation cmd, CaseRules rules) {
        authorizeWrite(cmd.caller(), cmd.expectedVersion(), CaseAction.RECORD_CONSULTATION, rules);
        RuleViolation.Fields bad = new RuleViolation.Fields();
        checkIssues(bad, cmd.consultation().issues(), rules);
        checkPersons(bad, "aboutPersonIds", cmd.consultation().aboutPersonIds());
        bad.throwIfAny();
        if (state.phase() == Phase.CLOSED || state.phase() == Phase.SUSPENDED) {
            apply(new CaseReopened(caseId, cmd.caller().agencyId(), state.phase()));
        }
        apply(new ConsultationRecorded(caseId, cmd.consultation()));
        return changed();
    }

    @CommandHandler
    public CaseChange handle(RecordAssessment cmd, CaseRules rules) {
        authorizeWrite(cmd.caller(), cmd.expectedVersion(), CaseAction.RECORD_ASSESSMENT, rules);
        List<String> about = subjects(cmd.aboutPersonIds(), "aboutPersonIds");
        apply(new AssessmentRecorded(caseId, cmd.assessmentId(), cmd.caller().agencyId(), cmd.occurredAt(), cmd.summary(), about));
        return changed();
    }

    @CommandHandler
    public CaseChange handle(RecordContact cmd, CaseRules rules) {
        authorizeWrite(cmd.caller(), cmd.expectedVersion(), CaseAction.RECORD_CONTACT, rules);
        RuleViolation.Fields bad = new RuleViolation.Fields();
        checkAgencies(bad, "accompaniedAgencyIds", cmd.contact().accompaniedAgencyIds(), rules);
        bad.throwIfAny();
        Contact c = cmd.contact();
        List<String> about = subjects(c.aboutPersonIds(), "aboutPersonIds");
        apply(new ContactRecorded(caseId, new Contact(c.contactId(), cmd.caller().agencyId(), c.occurredAt(), c.method(),
                c.reached(), c.accompaniedAgencyIds(), c.summary(), about)));
        return changed();
    }

    @CommandHandler
    public CaseChange handle(RecordDeparture cmd, CaseRules rules) {
        authorizeWrite(cmd.caller(), cmd.expectedVersion(), CaseAction.RECORD_DEPARTURE, rules);
        if (state.member(cmd.personId()).isEmpty()) {
            throw RuleViolation.notFound(); // not a member of this case: as missing as a case one may not see
        }
        if (state.departureOf(cmd.personId()).isPresent()) {
            throw RuleViolation.conflict("MEMBER_ALREADY_LEFT", "This member's departure is already recorded");
        }
        RuleViolation.Fields bad = new RuleViolation.Fields();
        LocalDate on = cmd.departure().on();
        if (on.isAfter(rules.today())) {
            bad.add("LEFT_IN_THE_FUTURE", "on", "is after today (in Japan)");
        } else if (on.isBefore(TimeBounds.EARLIEST_DATE)) {
            bad.add("OUT_OF_RANGE", "on", "is before " + TimeBounds.EARLIEST_DATE);
        }
        bad.throwIfAny();
        apply(new MemberLeft(caseId, cmd.caller().agencyId(), cmd.personId(), cmd.departure()));
        return changed();
    }

    @CommandHandler
    public CaseChange handle(CorrectPersonalData cmd, CaseRules rules) {
        if (!rules.mayCorrect(state, cmd.caller())) {
            throw refusalFor(cmd.caller(), rules);
        }
        checkVersion(cmd.expectedVersion());
        requirePhase(CaseAction.CORRECT_PERSONAL_DATA);
        if (state.member(cmd.personId()).isEmpty()) {
            throw RuleViolation.notFound(); // not a member of this case: as missing as a case one may not see
        }
        apply(new PersonalDataCorrected(caseId, cmd.caller().agencyId(), cmd.personId(), cmd.field(), cmd.value(),
                cmd.reason()));
        return changed();
    }

    @CommandHandler
    public CaseChange handle(AddMember cmd, CaseRules rules) {
        authorizeWrite(cmd.caller(), cmd.expectedVersion(), CaseAction.ADD_MEMBER, rules);
        RuleViolation.Fields bad = new RuleViolation.Fields();
        HouseholdMember m = cmd.member();
        checkMember(bad, "", m, state.members().stream().anyMatch(HouseholdMember::isSelf));
        bad.throwIfAny();
        apply(new MemberAdded(caseId, cmd.caller().agencyId(), m));
        return changed();
    }

    @CommandHandler
    public CaseChange handle(RecordMonitoringNote cmd, CaseRules rules) {
        authorizeWrite(cmd.caller(), cmd.expectedVersion(), CaseAction.RECORD_MONITORING, rules);
        List<String> about = subjects(cmd.aboutPersonIds(), "aboutPersonIds");
        apply(new MonitoringNoteRecorded(caseId, cmd.noteId(), cmd.caller().agencyId(), cmd.occurredAt(), cmd.note(), about));
        return changed();
    }

    // ---- consent -------------------------------------------------------------------------------------------------

    @CommandHandler
    public CaseChange handle(GiveConsent cmd, CaseRules rules) {
        authorizeWrite(cmd.caller(), cmd.expectedVersion(), CaseAction.GIVE_CONSENT, rules);
        RuleViolation.Fields bad = new RuleViolation.Fields();
        Optional<HouseholdMember> giver = state.member(cmd.givenByPersonId());
        if (giver.isEmpty()) {
            bad.add("UNKNOWN_PERSON", "givenBy.personId", "is not a member of this case's household");
        }
        checkAgencies(bad, "agencyIds", cmd.agencyIds(), rules);
        if (cmd.agencyIds().isEmpty() && cmd.agencyTypes().isEmpty()) {
            bad.add("NO_AGENCY", "agencyIds", "name at least one agency (agencyIds or agencyTypes)");
        }
        if (cmd.purposes().contains(Purpose.AUDIT)) {
            bad.add("NOT_A_CONSENT_PURPOSE", "purposes", "AUDIT is not a purpose a person consents to");
        }
        if (cmd.evidence() != null && cmd.evidence().obtainedOn() != null) {
            LocalDate obtainedOn = cmd.evidence().obtainedOn();
            if (obtainedOn.isAfter(rules.today())) {
                bad.add("OBTAINED_IN_THE_FUTURE", "evidence.obtainedOn", "is after today (in Japan)");
            } else if (obtainedOn.isBefore(TimeBounds.EARLIEST_DATE)) {
                bad.add("OUT_OF_RANGE", "evidence.obtainedOn", "is before " + TimeBounds.EARLIEST_DATE);
            }
        }
        List<String> about = cmd.aboutPersonIds() == null || cmd.aboutPersonIds().isEmpty()
                ? List.of(cmd.givenByPersonId()) : cmd.aboutPersonIds();
        giver.ifPresent(g -> ConsentSubjects.check(state, g, cmd.capacity(), about, cmd.birthDatesOnFile(),
                rules.today(), bad));
        checkValidUntil(bad, cmd.validUntil(), rules.today());
        bad.throwIfAny();
        apply(new ConsentGiven(caseId, cmd.consentId(), cmd.givenByPersonId(), cmd.capacity(),
                Set.copyOf(cmd.agencyIds()), cmd.agencyTypes(), cmd.purposes(), cmd.categories(), cmd.validUntil(),
                cmd.caller().agencyId(), rules.now(), new LinkedHashSet<>(about), cmd.evidence()));
        return changed();
    }

    @CommandHandler
    public CaseChange handle(NarrowConsent cmd, CaseRules rules) {
        authorizeWrite(cmd.caller(), cmd.expectedVersion(), CaseAction.WITHDRAW_CONSENT, rules);
        ConsentRecord consent = state.consent(cmd.consentId())
                .orElseThrow(() -> new RuleViolation(RuleViolation.Kind.NOT_FOUND, "NOT_FOUND", "No such consent on this case"));
        Instant now = rules.now();
        if (!consent.inForceAt(now)) {
            throw RuleViolation.conflict("CONSENT_NOT_IN_FORCE", "The consent is " + consent.statusAt(now) + "; only a consent in force can be narrowed");
        }
        ConsentScope current = consent.scope();
        ConsentScope narrower = new ConsentScope(
                cmd.aboutPersonIds() != null ? cmd.aboutPersonIds() : current.aboutPersonIds(),
                cmd.agencyIds() != null ? cmd.agencyIds() : current.agencyIds(),
                cmd.agencyTypes() != null ? cmd.agencyTypes() : current.agencyTypes(),
                cmd.purposes() != null ? cmd.purposes() : current.purposes(),
                cmd.categories() != null ? cmd.categories() : current.categories(),
                cmd.validUntil() != null ? cmd.validUntil() : current.validUntil());
        RuleViolation.Fields bad = new RuleViolation.Fields();
        current.widenedBy(narrower).forEach(field -> bad.add("NOT_A_NARROWING", field, "may only lose elements (or end earlier) in a narrowing"));
        if (narrower.aboutPersonIds().isEmpty()) {
            bad.add("NOTHING_LEFT", "aboutPersonIds", "must keep at least one person (withdraw the consent instead)");
        }
        if (narrower.agencyIds().isEmpty() && narrower.agencyTypes().isEmpty()) {
            bad.add("NOTHING_LEFT", "agencyIds", "must keep at least one agency or agency type (withdraw the consent instead)");
        }
        if (narrower.purposes().isEmpty()) {
            bad.add("NOTHING_LEFT", "purposes", "must keep at least one purpose (withdraw the consent instead)");
        }
        if (narrower.categories().isEmpty()) {
            bad.add("NOTHING_LEFT", "categories", "must keep at least one category (withdraw the consent instead)");
        }
        checkValidUntil(bad, narrower.validUntil(), rules.today());
        if (bad.isEmpty() && narrower.equals(current)) {
            bad.add("NOT_A_NARROWING", "request", "names nothing narrower than the consent as it stands");
        }
        bad.throwIfAny();
        apply(new ConsentNarrowed(caseId, cmd.consentId(), narrower.aboutPersonIds(), narrower.agencyIds(),
                narrower.agencyTypes(), narrower.purposes(), narrower.categories(), narrower.validUntil(), now));
        // Pending referrals the narrowed consent no longer covers fall with it (DOMAIN.md "Referrals").
        for (Referral r : state.pendingReferralsOn(cmd.consentId())) {
            if (!rules.policy().referralStillRests(state, r, rules.typeOf(r.toAgencyId()), now)) {
                apply(new ReferralWithdrawn(caseId, r.referralId(), WithdrawalCause.CONSENT_NARROWED, null, now));
            }
        }
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
        for (Referral r : state.pendingReferralsOn(cmd.consentId())) {
            apply(new ReferralWithdrawn(caseId, r.referralId(), WithdrawalCause.CONSENT_WITHDRAWN, null, now));
        }
        return changed();
    }

    // ---- referrals (つなぎ) ---------------------------------------------------------------------------------------

    @CommandHandler
    public CaseChange handle(RequestReferral cmd, CaseRules rules) {
        authorizeWrite(cmd.caller(), cmd.expectedVersion(), CaseAction.REQUEST_REFERRAL, rules);
        RuleViolation.Fields bad = new RuleViolation.Fields();
        Optional<Agency> to = rules.agencies().find(cmd.toAgencyId());
        if (to.isEmpty()) {
            bad.add("UNKNOWN_AGENCY", "toAgencyId", AgencyDirectory.NOT_REGISTERED);
        } else if (to.get().id().equals(cmd.caller().agencyId())) {
            bad.add("REFERRAL_TO_SELF", "toAgencyId", "an agency cannot refer a case to itself");
        }
        checkPersons(bad, "aboutPersonIds", cmd.aboutPersonIds());
        bad.throwIfAny();
        Agency receiver = to.get();
        boolean alreadyOpen = state.referrals().stream()
                .anyMatch(r -> r.toAgencyId().equals(receiver.id()) && r.status().isOpen());
        if (alreadyOpen) {
            throw RuleViolation.conflict("REFERRAL_ALREADY_OPEN", "A referral to " + receiver.id() + " is already open on this case");
        }
        Instant now = rules.now();
        List<String> about = state.about(cmd.aboutPersonIds());
        Set<InformationCategory> categories = cmd.categories();
        String consentId = null;
        String meetingId = null;
        if (cmd.basis() == ReferralBasis.CONSENT) {
            consentId = state.consents().stream()
                    .filter(c -> c.covers(receiver.id(), receiver.type(), Purpose.SUPPORT_COORDINATION, now)
                            && c.coversSubjects(Set.copyOf(about), categories))
                    .map(ConsentRecord::consentId)
                    .reduce((a, b) -> b)
                    .orElseThrow(() -> RuleViolation.conflict("CONSENT_REQUIRED", "No consent in force covers agency "
                            + receiver.id() + " for " + categories + " about every person the referral is about"));
        } else {
            meetingId = state.mandateToRefer(receiver.id())
                    .filter(m -> m.categories().containsAll(categories))
                    .orElseThrow(() -> RuleViolation.conflict("MEETING_DECISION_REQUIRED",
                            "No 支援会議 decision refers this case to " + receiver.id() + " for " + categories))
                    .meetingId();
        }
        Instant dueAt = rules.calendar().answerDueAt(now, rules.referralAnswerBusinessDays());
        apply(new ReferralRequested(caseId, cmd.referralId(), cmd.caller().agencyId(), receiver.id(), cmd.reason(),
                cmd.basis(), consentId, meetingId, categories, now, dueAt, about));
        return changed();
    }

    @CommandHandler
    public CaseChange handle(AcceptReferral cmd, CaseRules rules) {
        Referral r = referralForReceiver(cmd.caller(), cmd.referralId(), cmd.expectedVersion(), rules);
        requireReferralStatus(r, ReferralStatus.REQUESTED, "accept");
        if (!rules.policy().referralStillRests(state, r, rules.typeOf(r.toAgencyId()), rules.now())) {
            throw RuleViolation.conflict("CONSENT_REQUIRED", "The consent this referral rests on no longer covers agency "
                    + r.toAgencyId() + "; the sending agency needs a new consent and a new referral");
        }
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
        requireBasis(cmd.caller(), rules);
        Referral r = referral(cmd.referralId());
        if (!r.fromAgencyId().equals(cmd.caller().agencyId())) {
            throw RuleViolation.forbidden("NOT_SENDING_AGENCY", "Only the sending agency may withdraw a referral");
        }
        checkVersion(cmd.expectedVersion());
        requireReferralStatus(r, ReferralStatus.REQUESTED, "withdraw");
        apply(new ReferralWithdrawn(caseId, r.referralId(), WithdrawalCause.BY_SENDER, cmd.reason(), rules.now()));
        return changed();
    }

    // ---- escalation and meetings ---------------------------------------------------------------------------------

    /**
     * Escalation hands the case to 多機関協働 as a task, not as data: the coordinator holds the case only on a consent
     * in force that names it; without one it sees the case in its escalation list, and can table it at a 支援会議.
     */
    @CommandHandler
    public CaseChange handle(EscalateCase cmd, CaseRules rules) {
        authorizeWrite(cmd.caller(), cmd.expectedVersion(), CaseAction.ESCALATE, rules);
        if (state.coordinatorAgencyId().isPresent()) {
            throw RuleViolation.conflict("ALREADY_ESCALATED", "The case is already with 多機関協働 ("
                    + state.coordinatorAgencyId().get() + ")");
        }
        Agency coordinator = Optional.ofNullable(cmd.coordinatorAgencyId())
                .map(id -> rules.agencies().find(id).orElseThrow(() ->
                        RuleViolation.invalid("UNKNOWN_AGENCY", "coordinatorAgencyId", AgencyDirectory.NOT_REGISTERED)))
                .or(() -> rules.agencies().all().stream()
                        .filter(a -> a.type() == AgencyType.MULTI_AGENCY_COORDINATOR).findFirst())
                .orElseThrow(() -> RuleViolation.invalid("NO_COORDINATOR", "coordinatorAgencyId",
                        "the registry has no MULTI_AGENCY_COORDINATOR: name one"));
        if (coordinator.type() != AgencyType.MULTI_AGENCY_COORDINATOR) {
            throw RuleViolation.invalid("NOT_A_COORDINATOR", "coordinatorAgencyId", "is not a MULTI_AGENCY_COORDINATOR");
        }
        apply(new CaseEscalated(caseId, cmd.caller().agencyId(), coordinator.id(), cmd.reason()));
        return changed();
    }

    @CommandHandler
    public CaseChange handle(TableCaseAtMeeting cmd, CaseRules rules) {
        Caller caller = cmd.caller();
        Instant now = rules.now();
        if (!rules.policy().mayTable(state, caller.agencyId(), rules.typeOf(caller.agencyId()), cmd.kind(), now)) {
            throw refusalFor(caller, rules);
        }
        requirePhase(CaseAction.TABLE_AT_MEETING);
        if (cmd.kind().needsConsent()) {
            // 重層的支援会議: every attendee that does not hold the case needs a consent in force naming it for this
            // purpose and the meeting's categories; the refusal names every attendee that has none.
            List<String> uncovered = rules.policy().attendeesWithoutConsent(state, cmd.attendeeAgencyIds(),
                    cmd.categories(), rules::typeOf, now);
            if (!uncovered.isEmpty()) {
                throw RuleViolation.conflict("CONSENT_REQUIRED", "No consent in force covers attending "
                        + (uncovered.size() == 1 ? "agency " : "agencies ") + String.join(", ", uncovered)
                        + " for MULTILAYER_MEETING and " + cmd.categories() + " on case " + caseId);
            }
        }
        Instant accessUntil = cmd.heldOn().plusDays(1).atStartOfDay(CaseRules.JAPAN).toInstant()
                .plus(rules.supportMeetingAccessAfter());
        apply(new CaseTabledAtMeeting(caseId, cmd.meetingId(), cmd.kind(), cmd.heldOn(), caller.agencyId(),
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
        requireBasis(cmd.caller(), rules);
        MeetingOnCase meeting = state.meeting(cmd.meetingId())
                .orElseThrow(() -> RuleViolation.conflict("CASE_NOT_ON_AGENDA", "The case is not on this meeting's agenda"));
        if (!meeting.convenerAgencyId().equals(cmd.caller().agencyId())) {
            throw RuleViolation.forbidden("NOT_THE_CONVENER", "Only the agency that convened the meeting records its decisions");
        }
        checkVersion(cmd.expectedVersion());
        List<Decision> decisions = cmd.decisions();
        for (Decision d : decisions) {
            if (!meeting.kind().mayDecide(d.type())) {
                throw RuleViolation.conflict("DECISION_NOT_ALLOWED", "A " + meeting.kind() + " may not decide " + d.type()
                        + " (it may decide " + meeting.kind().decisions() + ")");
            }
        }
        RuleViolation.Fields bad = new RuleViolation.Fields();
        for (int i = 0; i < decisions.size(); i++) {
            checkDecision(bad, "decisions[" + i + "].", decisions.get(i), rules);
        }
        bad.throwIfAny();
        for (Decision d : decisions) {
            applyDecision(meeting.meetingId(), d);
        }
        return changed();
    }

    /** A consent runs from today (in Japan) for at most {@link TimeBounds#YEARS_AHEAD} years. */
    private static void checkValidUntil(RuleViolation.Fields bad, LocalDate validUntil, LocalDate today) {
        if (validUntil.isBefore(today)) {
            bad.add("CONSENT_ALREADY_EXPIRED", "validUntil", "is in the past");
        } else if (TimeBounds.isTooFarAhead(validUntil, today)) {
            bad.add("OUT_OF_RANGE", "validUntil", "must be at most " + TimeBounds.YEARS_AHEAD + " years ahead ("
                    + today.plusYears(TimeBounds.YEARS_AHEAD) + ")");
        }
    }

    private static void checkReviewDate(RuleViolation.Fields bad, String field, LocalDate date, LocalDate today) {
        if (date != null && !TimeBounds.isReviewDate(date, today)) {
            bad.add("OUT_OF_RANGE", field, "must lie between " + TimeBounds.EARLIEST_DATE + " and "
                    + today.plusYears(TimeBounds.YEARS_AHEAD));
        }
    }

    private void checkDecision(RuleViolation.Fields bad, String at, Decision d, CaseRules rules) {
        checkPersons(bad, at + "aboutPersonIds", d.aboutPersonIds());
        if (d instanceof Decision.AdoptPlan p) {
            checkAgency(bad, at + "leadAgencyId", p.leadAgencyId(), rules);
            checkRoles(bad, at + "roles", p.roles(), rules);
            checkReviewDate(bad, at + "reviewOn", p.reviewOn(), rules.today());
        } else if (d instanceof Decision.ApproveParticipationSupport p) {
            Optional<Agency> partner = rules.agencies().find(p.partnerAgencyId());
            if (partner.isEmpty()) {
                bad.add("UNKNOWN_AGENCY", at + "partnerAgencyId", AgencyDirectory.NOT_REGISTERED);
            } else if (partner.get().type() != AgencyType.PARTICIPATION_PARTNER) {
                bad.add("NOT_A_PARTICIPATION_PARTNER", at + "partnerAgencyId", "is not a PARTICIPATION_PARTNER");
            }
        } else if (d instanceof Decision.Refer r) {
            checkAgency(bad, at + "toAgencyId", r.toAgencyId(), rules);
        } else if (d instanceof Decision.SetDirection s) {
            checkRoles(bad, at + "actions", s.actions(), rules);
            checkReviewDate(bad, at + "nextReviewOn", s.nextReviewOn(), rules.today());
        }
    }

    private void applyDecision(String meetingId, Decision d) {
        if (d instanceof Decision.AcceptForSupport) {
            requirePhase(CaseAction.ACCEPT_FOR_SUPPORT);
            apply(new AcceptedForSupport(caseId, meetingId));
        } else if (d instanceof Decision.AdoptPlan p) {
            requirePhase(CaseAction.ADOPT_PLAN);
            apply(new PlanAdopted(caseId, meetingId, p.goals(), p.roles(), p.leadAgencyId(), p.reviewOn(),
                    state.about(p.aboutPersonIds())));
        } else if (d instanceof Decision.ApproveParticipationSupport p) {
            requirePhase(CaseAction.APPROVE_PARTICIPATION_SUPPORT);
            apply(new ParticipationSupportApproved(caseId, meetingId, p.partnerAgencyId()));
        } else if (d instanceof Decision.Evaluate e) {
            requirePhase(CaseAction.EVALUATE);
            apply(new CaseEvaluated(caseId, meetingId, e.evaluation(), state.about(e.aboutPersonIds())));
        } else if (d instanceof Decision.Close c) {
            requirePhase(CaseAction.CLOSE_BY_MEETING);
            apply(new CaseClosed(caseId, meetingId, null, c.reason(), null, state.about(c.aboutPersonIds())));
        } else if (d instanceof Decision.Suspend s) {
            requirePhase(CaseAction.SUSPEND);
            apply(new CaseSuspended(caseId, meetingId, s.reason(), state.about(s.aboutPersonIds())));
        } else if (d instanceof Decision.ResourceGap g) {
            requirePhase(CaseAction.NOTE_RESOURCE_GAP);
            apply(new ResourceGapNoted(caseId, meetingId, g.description(), state.about(g.aboutPersonIds())));
        } else if (d instanceof Decision.Refer r) {
            requirePhase(CaseAction.MANDATE_REFERRAL);
            apply(new ReferralMandated(caseId, meetingId, r.toAgencyId(), r.categories()));
        } else if (d instanceof Decision.SetDirection s) {
            requirePhase(CaseAction.SET_DIRECTION);
            apply(new DirectionSet(caseId, meetingId, s.direction(), s.watchOver(), s.actions(), s.nextReviewOn(),
                    state.about(s.aboutPersonIds())));
        }
    }

    @CommandHandler
    public CaseChange handle(CloseCase cmd, CaseRules rules) {
        requireHolder(cmd.caller(), rules);
        if (!cmd.caller().agencyId().equals(state.leadAgencyId()) && !cmd.caller().has(Role.COORDINATOR)) {
            throw RuleViolation.forbidden("NOT_LEAD_AGENCY", "Only the lead agency (主担当) or a coordinator may close the case");
        }
        checkVersion(cmd.expectedVersion());
        requirePhase(CaseAction.CLOSE);
        List<String> about = subjects(cmd.aboutPersonIds(), "aboutPersonIds");
        apply(new CaseClosed(caseId, null, cmd.caller().agencyId(), cmd.reason(), cmd.evaluation(), about));
        return changed();
    }

    // ---- shared checks -------------------------------------------------------------------------------------------

    /** The one order of every write: basis (else 404), holding (else 403), version (412), phase (409). */
    private void authorizeWrite(Caller caller, Long expectedVersion, CaseAction action, CaseRules rules) {
        requireHolder(caller, rules);
        checkVersion(expectedVersion);
        requirePhase(action);
    }

    /** Any basis on the case now, or the case does not exist for the caller. */
    private void requireBasis(Caller caller, CaseRules rules) {
        if (rules.policy().decide(state, rules.reader(caller, Purpose.SUPPORT_COORDINATION), rules.now()).isEmpty()) {
            throw RuleViolation.notFound();
        }
    }

    /** The caller holds the case now: 404 without any basis, 403 NOT_A_HOLDER for one who only may see it. */
    private void requireHolder(Caller caller, CaseRules rules) {
        if (!rules.mayWrite(state, caller)) {
            throw refusalFor(caller, rules);
        }
    }

    private RuleViolation refusalFor(Caller caller, CaseRules rules) {
        boolean sees = rules.policy().decide(state, rules.reader(caller, Purpose.SUPPORT_COORDINATION), rules.now()).isPresent();
        return sees ? RuleViolation.forbidden("NOT_A_HOLDER", "Only an agency that holds the case on its own record may do this")
                : RuleViolation.notFound();
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

    private Referral referral(String referralId) {
        return state.referral(referralId).orElseThrow(() ->
                new RuleViolation(RuleViolation.Kind.NOT_FOUND, "NOT_FOUND", "No such referral on this case"));
    }

    /** The receiver answers or completes: it needs a basis on the case at this instant, like every writer. */
    private Referral referralForReceiver(Caller caller, String referralId, Long expectedVersion, CaseRules rules) {
        requireBasis(caller, rules);
        Referral r = referral(referralId);
        if (!r.toAgencyId().equals(caller.agencyId())) {
            throw RuleViolation.forbidden("NOT_RECEIVING_AGENCY", "Only the receiving agency may answer a referral");
        }
        checkVersion(expectedVersion);
        requirePhase(CaseAction.ANSWER_REFERRAL);
        return r;
    }

    private static void requireReferralStatus(Referral r, ReferralStatus wanted, String verb) {
        if (r.status() != wanted) {
            throw RuleViolation.conflict("INVALID_TRANSITION", "Cannot " + verb + " a referral that is " + r.status()
                    + " (current status: " + r.status() + ")");
        }
    }

    /** The persons a text is about, each a member of the household; none named means the SELF member. */
    private List<String> subjects(List<String> named, String field) {
        RuleViolation.Fields bad = new RuleViolation.Fields();
        checkPersons(bad, field, named);
        bad.throwIfAny();
        return state.about(named);
    }

    private void checkPersons(RuleViolation.Fields bad, String field, List<String> personIds) {
        if (personIds == null) {
            return;
        }
        for (int i = 0; i < personIds.size(); i++) {
            if (state.member(personIds.get(i)).isEmpty()) {
                bad.add("UNKNOWN_PERSON", field + "[" + i + "]", "is not a member of this case's household");
            }
        }
    }

    /** Issue codes must be in the city's catalog (DOMAIN.md: a city adds its own). */
    private static void checkIssues(RuleViolation.Fields bad, List<String> issues, CaseRules rules) {
        for (int i = 0; i < issues.size(); i++) {
            if (!rules.issues().knows(issues.get(i))) {
                bad.add("UNKNOWN_ISSUE", "issues[" + i + "]", "is not a known issue code");
            }
        }
    }

    /**
     * A member as it joins the household, at opening or later: one SELF per household (the person the case is about),
     * and a birth date or an approximate birth year, not both. {@code at} prefixes the field names.
     */
    private static void checkMember(RuleViolation.Fields bad, String at, HouseholdMember m, boolean selfAlready) {
        if (m.isSelf() && selfAlready) {
            bad.add("ONE_SELF", at + "relationship", "a household has one SELF member: the person the case is about");
        }
        if (m.birthDate() != null && m.birthYear() != null) {
            bad.add("BIRTH_DATE_OR_YEAR", at + "birthYear", "give the birth date or an approximate birth year, not both");
        }
    }

    private static void checkAgencies(RuleViolation.Fields bad, String field, List<String> agencyIds, CaseRules rules) {
        for (int i = 0; i < agencyIds.size(); i++) {
            checkAgency(bad, field + "[" + i + "]", agencyIds.get(i), rules);
        }
    }

    private static void checkAgency(RuleViolation.Fields bad, String field, String agencyId, CaseRules rules) {
        if (agencyId != null && !rules.agencies().exists(agencyId)) {
            bad.add("UNKNOWN_AGENCY", field, AgencyDirectory.NOT_REGISTERED);
        }
    }

    private static void checkRoles(RuleViolation.Fields bad, String field, List<PlanRole> roles, CaseRules rules) {
        for (int j = 0; j < roles.size(); j++) {
            checkAgency(bad, field + "[" + j + "].agencyId", roles.get(j).agencyId(), rules);
        }
    }

    private CaseChange changed() {
        return new CaseChange(state.version());
    }

    /** What a referral, or a 支援会議's decision to refer, shares when it names no categories. */
    public static Set<InformationCategory> defaultSharedCategories() {
        return EnumSet.of(InformationCategory.BASIC);
    }
}
