package jp.kasane.core.supportcase;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import jp.kasane.core.consent.ConsentRecord;
import jp.kasane.core.consent.ConsentScope;
import jp.kasane.core.meeting.MeetingOnCase;
import jp.kasane.core.meeting.PlanRole;
import jp.kasane.core.meeting.SupportPlan;
import jp.kasane.core.personaldata.Sealed;
import jp.kasane.core.referral.Referral;
import jp.kasane.core.referral.ReferralStatus;
import jp.kasane.core.supportcase.events.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A case as its events make it: the one fold of a case stream. The aggregate decides on it, the case view and the
 * caseload are built from it, and an auditor's "as it was known at" replay folds the same events up to a moment.
 * Phases change here and nowhere else. Snapshots of a long case store its fields as they are (see
 * {@link SupportCase#SNAPSHOT_REVISION}).
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public final class CaseState {

    /** One text written on the case that is not a consultation: an assessment, note, evaluation or closure. */
    public record Entry(String kind, String entryId, String agencyId, Instant occurredAt, Sealed text, String meetingId,
                        List<String> aboutPersonIds) {
    }

    /** A decision a meeting took about this case, with its text (if any) and whom that text is about. */
    public record MeetingDecision(String meetingId, String type, Sealed text, String agencyId,
                                  List<String> aboutPersonIds) {
    }

    /** A 支援会議's direction for the case (SET_DIRECTION). */
    public record Direction(String meetingId, Sealed direction, boolean watchOver, List<PlanRole> actions,
                            LocalDate nextReviewOn, List<String> aboutPersonIds) {
    }

    private String caseId;
    private String openingAgencyId;
    private Phase phase;
    private long version;
    private String coordinatorAgencyId;
    private final Map<String, HouseholdMember> members = new LinkedHashMap<>();
    private final Set<String> issues = new LinkedHashSet<>();
    private final List<Consultation> consultations = new ArrayList<>();
    private final List<Contact> contacts = new ArrayList<>();
    private final Map<String, Departure> departures = new LinkedHashMap<>();
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, ConsentRecord> consents = new LinkedHashMap<>();
    private final Map<String, Referral> referrals = new LinkedHashMap<>();
    private final Map<String, MeetingOnCase> meetings = new LinkedHashMap<>();
    private final List<MeetingDecision> decisions = new ArrayList<>();
    private final List<ReferralMandated> referralMandates = new ArrayList<>();
    private final List<Direction> directions = new ArrayList<>();
    private final Set<String> participationPartners = new LinkedHashSet<>();
    private SupportPlan plan;
    /**
     * One instance of each id the case's texts repeat (the agency, the principal): read from events, every
     * consultation brings its own copies, and a case kept between requests holds them all (~200 of a consultation's
     * 700-800 bytes of heap). Not part of the state: never in a snapshot.
     */
    private final transient Map<String, String> ids = new HashMap<>();
    private transient List<String> principalOnly = List.of();

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
        } else if (event instanceof MemberLeft e) {
            departures.put(e.personId(), e.departure());
        } else if (event instanceof ContactRecorded e) {
            Contact c = e.contact();
            contacts.add(new Contact(c.contactId(), id(c.agencyId()), c.occurredAt(), c.method(), c.reached(),
                    c.accompaniedAgencyIds(), sealed(c.summary()), c.aboutPersonIds()));
        } else if (event instanceof MemberAdded e) {
            members.put(e.member().personId(), e.member());
        } else if (event instanceof PersonalDataCorrected e) {
            members.computeIfPresent(e.personId(), (id, m) -> m.corrected(e.field(), e.value()));
        } else if (event instanceof CaseReopened) {
            phase = Phase.INTAKE;
        } else if (event instanceof AssessmentRecorded e) {
            entries.add(new Entry("ASSESSMENT", e.assessmentId(), e.agencyId(), e.occurredAt(), e.summary(), null,
                    about(e.aboutPersonIds())));
            phase = Phase.ASSESSMENT;
        } else if (event instanceof MonitoringNoteRecorded e) {
            entries.add(new Entry("MONITORING", e.noteId(), e.agencyId(), e.occurredAt(), e.note(), null,
                    about(e.aboutPersonIds())));
            // Monitoring goes on while an evaluation is pending; it does not undo the evaluation (closing needs it).
            if (phase != Phase.EVALUATION) {
                phase = Phase.MONITORING;
            }
        } else if (event instanceof ConsentGiven e) {
            Set<String> subjects = e.aboutPersonIds() == null ? Set.of(e.givenByPersonId()) : Set.copyOf(e.aboutPersonIds());
            consents.put(e.consentId(), new ConsentRecord(e.consentId(), e.givenByPersonId(), e.capacity(), subjects,
                    e.agencyIds(), e.agencyTypes(), e.purposes(), e.categories(), e.validUntil(), e.evidence(),
                    e.givenAt(), null));
        } else if (event instanceof ConsentNarrowed e) {
            consents.computeIfPresent(e.consentId(), (id, c) -> c.narrowedTo(new ConsentScope(e.aboutPersonIds(),
                    e.agencyIds(), e.agencyTypes(), e.purposes(), e.categories(), e.validUntil())));
        } else if (event instanceof ConsentWithdrawn e) {
            consents.computeIfPresent(e.consentId(), (id, c) -> c.withdrawn(e.withdrawnAt()));
        } else if (event instanceof ReferralRequested e) {
            referrals.put(e.referralId(), new Referral(e.referralId(), e.fromAgencyId(), e.toAgencyId(), e.reason(),
                    e.basis(), e.consentId(), e.meetingId(), e.categories(), e.requestedAt(), e.dueAt(),
                    ReferralStatus.REQUESTED, null, null, null, null, about(e.aboutPersonIds())));
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
            decisions.add(new MeetingDecision(e.meetingId(), "ACCEPT_FOR_SUPPORT", null, null, List.of()));
            phase = Phase.ACCEPTED_FOR_SUPPORT;
        } else if (event instanceof PlanAdopted e) {
            List<String> about = about(e.aboutPersonIds());
            decisions.add(new MeetingDecision(e.meetingId(), "ADOPT_PLAN", null, e.leadAgencyId(), about));
            plan = new SupportPlan(e.meetingId(), e.goals(), e.roles(), e.leadAgencyId(), e.reviewOn(), about);
            // The first plan, and a revised plan after an evaluation (伴走: evaluate, revise, support again).
            if (phase == Phase.ACCEPTED_FOR_SUPPORT || phase == Phase.EVALUATION) {
                phase = Phase.PLANNED;
            }
        } else if (event instanceof ParticipationSupportApproved e) {
            decisions.add(new MeetingDecision(e.meetingId(), "APPROVE_PARTICIPATION_SUPPORT", null, e.partnerAgencyId(), List.of()));
            participationPartners.add(e.partnerAgencyId());
            phase = Phase.SUPPORTING;
        } else if (event instanceof CaseEvaluated e) {
            List<String> about = about(e.aboutPersonIds());
            decisions.add(new MeetingDecision(e.meetingId(), "EVALUATE", e.evaluation(), null, about));
            entries.add(new Entry("EVALUATION", null, null, null, e.evaluation(), e.meetingId(), about));
            phase = Phase.EVALUATION;
        } else if (event instanceof CaseClosed e) {
            List<String> about = about(e.aboutPersonIds());
            if (e.meetingId() != null) {
                decisions.add(new MeetingDecision(e.meetingId(), "CLOSE", e.reason(), null, about));
            }
            entries.add(new Entry("CLOSURE", null, e.agencyId(), null, e.reason(), e.meetingId(), about));
            if (e.evaluation() != null) {
                entries.add(new Entry("EVALUATION", null, e.agencyId(), null, e.evaluation(), e.meetingId(), about));
            }
            phase = Phase.CLOSED;
        } else if (event instanceof CaseSuspended e) {
            decisions.add(new MeetingDecision(e.meetingId(), "SUSPEND", e.reason(), null, about(e.aboutPersonIds())));
            phase = Phase.SUSPENDED;
        } else if (event instanceof ResourceGapNoted e) {
            decisions.add(new MeetingDecision(e.meetingId(), "RESOURCE_GAP", e.description(), null, about(e.aboutPersonIds())));
        } else if (event instanceof ReferralMandated e) {
            decisions.add(new MeetingDecision(e.meetingId(), "REFER", null, e.toAgencyId(), List.of()));
            referralMandates.add(e);
        } else if (event instanceof DirectionSet e) {
            List<String> about = about(e.aboutPersonIds());
            decisions.add(new MeetingDecision(e.meetingId(), "SET_DIRECTION", e.direction(), null, about));
            directions.add(new Direction(e.meetingId(), e.direction(), e.watchOver(), e.actions(), e.nextReviewOn(), about));
        }
        // CaseDisclosed (ledger lines recorded in the stream by earlier versions) changes nothing.
    }

    private void addConsultation(Consultation c) {
        consultations.add(new Consultation(c.consultationId(), id(c.agencyId()), c.occurredAt(), c.channel(),
                sealed(c.summary()), c.issues(), c.categories(), about(c.aboutPersonIds()), c.consultedBy()));
        issues.addAll(c.issues());
    }

    private String id(String id) {
        return id == null ? null : ids.computeIfAbsent(id, same -> same);
    }

    private Sealed sealed(Sealed text) {
        return text == null ? null : new Sealed(id(text.subjectId()), text.ciphertext());
    }

    /**
     * Whom a piece of the case is about: the persons it names, or the case's SELF member when it names none (the
     * default of API.md, and the meaning of events recorded before persons were tracked).
     */
    public List<String> about(List<String> named) {
        if (named == null || named.isEmpty()) {
            String principal = id(principalPersonId());
            if (principalOnly.isEmpty() || !principalOnly.get(0).equals(principal)) {
                principalOnly = List.of(principal);
            }
            return principalOnly;
        }
        String[] persons = new String[named.size()];
        for (int i = 0; i < persons.length; i++) {
            persons[i] = id(Objects.requireNonNull(named.get(i)));
        }
        return List.of(persons);
    }

    public String caseId() { return caseId; }
    public String openingAgencyId() { return openingAgencyId; }
    public Phase phase() { return phase; }
    public long version() { return version; }
    public Optional<String> coordinatorAgencyId() { return Optional.ofNullable(coordinatorAgencyId); }
    public Collection<HouseholdMember> members() { return members.values(); }
    public Optional<HouseholdMember> member(String personId) { return Optional.ofNullable(members.get(personId)); }
    public Set<String> memberIds() { return members.keySet(); }
    public Set<String> issues() { return issues; }
    public List<Consultation> consultations() { return consultations; }
    public List<Contact> contacts() { return contacts; }

    /** The member's departure from the household, if they left. */
    public Optional<Departure> departureOf(String personId) {
        return Optional.ofNullable(departures.get(personId));
    }
    public List<Entry> entries() { return entries; }
    public Collection<ConsentRecord> consents() { return consents.values(); }
    public Optional<ConsentRecord> consent(String consentId) { return Optional.ofNullable(consents.get(consentId)); }
    public Collection<Referral> referrals() { return referrals.values(); }
    public Optional<Referral> referral(String referralId) { return Optional.ofNullable(referrals.get(referralId)); }
    public Collection<MeetingOnCase> meetings() { return meetings.values(); }
    public Optional<MeetingOnCase> meeting(String meetingId) { return Optional.ofNullable(meetings.get(meetingId)); }
    public List<MeetingDecision> decisions() { return decisions; }
    public List<Direction> directions() { return directions; }
    public Optional<SupportPlan> plan() { return Optional.ofNullable(plan); }
    public Set<String> participationPartners() { return participationPartners; }

    /** The person the case is about (its SELF member, else the first member): the default subject of its texts. */
    public String principalPersonId() {
        return principalOf(members.values()).orElse(caseId);
    }

    /** The SELF member of a household, else its first member. */
    public static Optional<String> principalOf(Collection<HouseholdMember> household) {
        return household.stream().filter(HouseholdMember::isSelf).findFirst()
                .or(() -> household.stream().findFirst())
                .map(HouseholdMember::personId);
    }

    /** The agency that leads the case: the plan's 主担当, or the agency that opened it while there is no plan. */
    public String leadAgencyId() {
        return plan != null && plan.leadAgencyId() != null ? plan.leadAgencyId() : openingAgencyId;
    }

    /** When the case is next looked at: the later of the plan's review date and a 支援会議's next review. */
    /** When the latest contact (by when it happened, not when it was recorded) took place, reached or not. */
    public Optional<Instant> lastContactAt() {
        return contacts.stream().map(Contact::occurredAt).max(Instant::compareTo);
    }

    public Optional<LocalDate> nextReviewOn() {
        Optional<LocalDate> planned = plan().map(SupportPlan::reviewOn);
        Optional<LocalDate> directed = directions.isEmpty() ? Optional.empty()
                : Optional.ofNullable(directions.get(directions.size() - 1).nextReviewOn());
        if (planned.isPresent() && directed.isPresent()) {
            return Optional.of(planned.get().isAfter(directed.get()) ? planned.get() : directed.get());
        }
        return planned.or(() -> directed);
    }

    /** Referrals still waiting for an answer or for completion. */
    public long openReferrals() {
        return referrals.values().stream().filter(r -> r.status().isOpen()).count();
    }

    public Optional<ReferralMandated> mandateToRefer(String toAgencyId) {
        return referralMandates.stream().filter(m -> m.toAgencyId().equals(toAgencyId)).reduce((a, b) -> b);
    }

    /** Referrals still waiting for an answer that rest on the given consent. */
    public List<Referral> pendingReferralsOn(String consentId) {
        return referrals.values().stream()
                .filter(r -> r.status() == ReferralStatus.REQUESTED && consentId.equals(r.consentId()))
                .toList();
    }
}
