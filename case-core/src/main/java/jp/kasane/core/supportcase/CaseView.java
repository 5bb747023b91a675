package jp.kasane.core.supportcase;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import jp.kasane.core.access.AccessDecision;
import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.access.LegalBasis;
import jp.kasane.core.agency.AgencyType;
import jp.kasane.core.consent.ConsentCapacity;
import jp.kasane.core.consent.ConsentEvidence;
import jp.kasane.core.consent.ConsentRecord;
import jp.kasane.core.meeting.MeetingKind;
import jp.kasane.core.meeting.MeetingOnCase;
import jp.kasane.core.meeting.PlanRole;
import jp.kasane.core.meeting.SupportPlan;
import jp.kasane.core.access.Purpose;
import jp.kasane.core.personaldata.Sealed;
import jp.kasane.core.referral.Referral;
import jp.kasane.core.referral.ReferralBasis;
import jp.kasane.core.referral.ReferralStatus;
import jp.kasane.core.referral.WithdrawalCause;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The case view of API.md, already redacted for one access decision: what the decision does not cover is not in
 * it at all ({@code null}, left out of the JSON), never blanked. Built in the domain, on the case state the decision
 * was taken on, so the view and the decision can never disagree.
 *
 * <p>Person by person: a member is listed only when the basis covers that person in {@code BASIC}; a text (a
 * consultation summary, a note, a referral's reason, a plan's goals, a direction) only when it covers every person
 * the text is about in the text's categories; an issue flag only when it covers the persons of a consultation that
 * raised it in the flag's category; a consent only when it covers its giver and its subjects in {@code BASIC}; the
 * case's structure (agencies, plan roles, meetings) when it covers anyone in {@code BASIC}.
 *
 * <p>Texts are {@link Text} of {@code T}: {@link Sealed} as the domain builds the view, clear text once the
 * application has opened them ({@link #map}); a {@code Text} whose value is null is a text that is shown but
 * empty, or whose subject was erased.
 *
 * @param <T> a sealed or an opened text
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaseView<T>(String caseId, long version, Phase phase, Access access, List<String> issues,
                          String openingAgencyId, String leadAgencyId, Optional<String> coordinatorAgencyId,
                          Household<T> household, List<ConsultationView<T>> consultations,
                          List<ContactView<T>> contacts, List<NoteView<T>> notes,
                          List<ConsentView<T>> consents, List<ReferralView<T>> referrals, Optional<PlanView<T>> plan,
                          Set<String> participationPartners, List<MeetingView> meetings,
                          List<DirectionView<T>> directions) {

    /** A text of the view: its value, or null when there is none (or its subject's data was erased). */
    public record Text<T>(@JsonValue T value) {
        <U> Text<U> map(Function<T, U> open) {
            return new Text<>(value == null ? null : open.apply(value));
        }
    }

    /** On which basis the reader sees the case, whom it covers, and in which categories each. */
    public record Access(LegalBasis basis, Set<InformationCategory> categories, Set<String> personIds,
                         Map<String, Set<InformationCategory>> coverage) {
        static Access of(AccessDecision d) {
            return new Access(d.basis(), d.categories(), d.personIds(), d.coverage());
        }
    }

    public record Household<T>(List<MemberView<T>> members) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MemberView<T>(String personId, String relationship, Text<T> name, Text<T> birthDate,
                                Integer birthYear, Boolean erased, Departure left) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConsultationView<T>(String consultationId, String agencyId, Instant occurredAt, Channel channel,
                                      ConsultedBy consultedBy, List<String> issues, Set<InformationCategory> categories,
                                      List<String> aboutPersonIds, Text<T> summary) {
        public ConsultationView {
            categories = ordered(categories);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NoteView<T>(String kind, String agencyId, Instant occurredAt, String meetingId,
                              List<String> aboutPersonIds, Text<T> text) {
    }

    public record GivenBy(String personId, ConsentCapacity capacity) {
    }

    /** A contact: when, how, reached or not, who went along; its summary only on a basis covering its persons for NOTES. */
    public record ContactView<T>(String contactId, String agencyId, Instant occurredAt, ContactMethod method,
                                 boolean reached, List<String> accompaniedAgencyIds, List<String> aboutPersonIds,
                                 Text<T> summary) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EvidenceView<T>(ConsentEvidence.Form form, Text<T> reference, LocalDate obtainedOn) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConsentView<T>(String consentId, ConsentRecord.Status status, GivenBy givenBy,
                                 Set<String> aboutPersonIds, Set<String> agencyIds, Set<AgencyType> agencyTypes,
                                 Set<Purpose> purposes, Set<InformationCategory> categories, LocalDate validUntil,
                                 Instant givenAt, Optional<Instant> withdrawnAt, EvidenceView<T> evidence) {
        /** Sets in a stable order (ids sorted, enums in declaration order): the same consent reads the same. */
        public ConsentView {
            aboutPersonIds = sorted(aboutPersonIds);
            agencyIds = sorted(agencyIds);
            agencyTypes = ordered(agencyTypes);
            purposes = ordered(purposes);
            categories = ordered(categories);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReferralView<T>(String referralId, String fromAgencyId, String toAgencyId, ReferralStatus status,
                                  ReferralBasis basis, Set<InformationCategory> categories, List<String> aboutPersonIds,
                                  Instant requestedAt, Instant dueAt, Optional<Instant> answeredAt,
                                  Optional<Instant> completedAt, Optional<WithdrawalCause> withdrawalCause,
                                  boolean overdue, Text<T> reason, Text<T> answerReason) {
        public ReferralView {
            categories = ordered(categories);
        }
    }

    private static Set<String> sorted(Set<String> values) {
        return values == null ? null : Collections.unmodifiableSet(new TreeSet<>(values));
    }

    private static <E extends Enum<E>> Set<E> ordered(Set<E> values) {
        if (values == null || values.isEmpty()) {
            return values == null ? null : Set.of();
        }
        return Collections.unmodifiableSet(EnumSet.copyOf(values));
    }

    public record RoleView<T>(String agencyId, Text<T> task) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PlanView<T>(List<Text<T>> goals, List<RoleView<T>> roles, String leadAgencyId, LocalDate reviewOn,
                              String meetingId, List<String> aboutPersonIds) {
    }

    public record MeetingView(String meetingId, MeetingKind kind, LocalDate heldOn, String convenerAgencyId,
                              Set<String> attendeeAgencyIds, Set<String> acknowledgedBy, List<String> decisions) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DirectionView<T>(String meetingId, Text<T> direction, boolean watchOver, List<RoleView<T>> actions,
                                   LocalDate nextReviewOn, List<String> aboutPersonIds) {
    }

    // ---- building the view -----------------------------------------------------------------------------------------

    /** The view of {@code c} for a reader whose basis is {@code access}, at {@code now}. */
    public static CaseView<Sealed> of(CaseState c, AccessDecision access, Instant now, IssueCatalog catalog) {
        Redaction r = new Redaction(c, access);
        boolean structure = r.structure();
        return new CaseView<>(c.caseId(), c.version(), c.phase(), Access.of(access), visibleIssues(c, access, catalog),
                structure ? c.openingAgencyId() : null,
                structure ? c.leadAgencyId() : null,
                structure ? c.coordinatorAgencyId() : null,
                structure ? new Household<>(members(c, access)) : null,
                consultations(c, r, catalog),
                structure ? contacts(c, r) : null,
                r.anyCovers(InformationCategory.NOTES) ? notes(c, r) : null,
                structure ? consents(c, r, now) : null,
                structure ? referrals(c, r, now) : null,
                structure ? Optional.ofNullable(c.plan().map(p -> plan(p, r)).orElse(null)) : null,
                structure ? Set.copyOf(c.participationPartners()) : null,
                structure ? meetings(c) : null,
                structure ? directions(c, r) : null);
    }

    /**
     * The issue flags a reader may see: a flag tells something about the persons of the consultation that raised it,
     * in the category the catalog gives it (MENTAL_HEALTH is HEALTH information). The caseload shows the same.
     */
    public static List<String> visibleIssues(CaseState c, AccessDecision access, IssueCatalog catalog) {
        Set<String> visible = new LinkedHashSet<>();
        for (String code : c.issues()) {
            boolean shown = c.consultations().stream().anyMatch(k -> k.issues().contains(code)
                    && access.coversAll(k.aboutPersonIds(), List.of(catalog.categoryOf(code))));
            if (shown) {
                visible.add(code);
            }
        }
        return List.copyOf(visible);
    }

    /** Decides each piece of the view: shown when the basis covers all its persons in all its categories. */
    private record Redaction(CaseState c, AccessDecision access) {
        boolean shows(Collection<String> persons, Collection<InformationCategory> categories) {
            return access.coversAll(persons, categories);
        }

        boolean shows(Collection<String> persons, InformationCategory... categories) {
            return shows(persons, List.of(categories));
        }

        boolean anyCovers(InformationCategory category) {
            return access.personIds().stream().anyMatch(p -> access.covers(p, category));
        }

        /** The case's structure (agencies, phase history, meetings) is shown to a reader who knows anyone in it. */
        boolean structure() {
            return anyCovers(InformationCategory.BASIC);
        }

        <T> Text<T> text(T value, Collection<String> persons, Collection<InformationCategory> categories) {
            return shows(persons, categories) ? new Text<>(value) : null;
        }
    }

    private static List<MemberView<Sealed>> members(CaseState c, AccessDecision access) {
        List<MemberView<Sealed>> members = new ArrayList<>();
        for (HouseholdMember m : c.members()) {
            if (access.covers(m.personId(), InformationCategory.BASIC)) {
                members.add(new MemberView<>(m.personId(), m.relationship(), new Text<>(m.name()),
                        new Text<>(m.birthDate()), m.birthYear(), null, c.departureOf(m.personId()).orElse(null)));
            }
        }
        return members;
    }

    private static List<ConsultationView<Sealed>> consultations(CaseState c, Redaction r, IssueCatalog catalog) {
        List<ConsultationView<Sealed>> items = new ArrayList<>();
        for (Consultation k : c.consultations()) {
            boolean shown = r.shows(k.aboutPersonIds(), k.categories());
            List<String> flags = k.issues().stream()
                    .filter(code -> r.shows(k.aboutPersonIds(), catalog.categoryOf(code))).toList();
            items.add(new ConsultationView<>(k.consultationId(), k.agencyId(), k.occurredAt(), k.channel(),
                    k.consultedBy(), flags,
                    k.categories(), shown ? k.aboutPersonIds() : null, shown ? new Text<>(k.summary()) : null));
        }
        return items;
    }

    private static List<ContactView<Sealed>> contacts(CaseState c, Redaction r) {
        return c.contacts().stream()
                .filter(k -> r.shows(k.aboutPersonIds(), InformationCategory.BASIC))
                .map(k -> new ContactView<>(k.contactId(), k.agencyId(), k.occurredAt(), k.method(), k.reached(),
                        k.accompaniedAgencyIds(), k.aboutPersonIds(),
                        k.summary() == null ? null : r.text(k.summary(), k.aboutPersonIds(), List.of(InformationCategory.NOTES))))
                .toList();
    }

    private static List<NoteView<Sealed>> notes(CaseState c, Redaction r) {
        return c.entries().stream()
                .filter(e -> r.shows(e.aboutPersonIds(), InformationCategory.NOTES))
                .map(e -> new NoteView<>(e.kind(), e.agencyId(), e.occurredAt(), e.meetingId(), e.aboutPersonIds(),
                        new Text<>(e.text())))
                .toList();
    }

    private static List<ConsentView<Sealed>> consents(CaseState c, Redaction r, Instant now) {
        List<ConsentView<Sealed>> items = new ArrayList<>();
        for (ConsentRecord k : c.consents()) {
            Set<String> persons = new LinkedHashSet<>(k.aboutPersonIds());
            persons.add(k.givenByPersonId());
            if (!r.shows(persons, InformationCategory.BASIC)) {
                continue;
            }
            ConsentEvidence e = k.evidence();
            EvidenceView<Sealed> evidence = e == null ? null : new EvidenceView<>(e.form(),
                    r.text(e.reference(), persons, EnumSet.of(InformationCategory.BASIC, InformationCategory.NOTES)),
                    e.obtainedOn());
            items.add(new ConsentView<>(k.consentId(), k.statusAt(now), new GivenBy(k.givenByPersonId(), k.capacity()),
                    k.aboutPersonIds(), k.agencyIds(), k.agencyTypes(), k.purposes(), k.categories(), k.validUntil(),
                    k.givenAt(), Optional.ofNullable(k.withdrawnAt()), evidence));
        }
        return items;
    }

    private static List<ReferralView<Sealed>> referrals(CaseState c, Redaction r, Instant now) {
        List<ReferralView<Sealed>> items = new ArrayList<>();
        Set<InformationCategory> reasonCategories = EnumSet.of(InformationCategory.BASIC, InformationCategory.NOTES);
        for (Referral k : c.referrals()) {
            if (!r.shows(k.aboutPersonIds(), InformationCategory.BASIC)) {
                continue;
            }
            items.add(new ReferralView<>(k.referralId(), k.fromAgencyId(), k.toAgencyId(), k.status(), k.basis(),
                    k.categories(), k.aboutPersonIds(), k.requestedAt(), k.dueAt(), Optional.ofNullable(k.answeredAt()),
                    Optional.ofNullable(k.completedAt()), Optional.ofNullable(k.withdrawalCause()), k.overdueAt(now),
                    r.text(k.reason(), k.aboutPersonIds(), reasonCategories),
                    r.text(k.answerReason(), k.aboutPersonIds(), reasonCategories)));
        }
        return items;
    }

    private static PlanView<Sealed> plan(SupportPlan p, Redaction r) {
        boolean texts = r.shows(p.aboutPersonIds(), InformationCategory.BASIC);
        return new PlanView<>(
                texts ? p.goals().stream().map(g -> new Text<>(g)).toList() : null,
                p.roles().stream().map(role -> role(role, texts)).toList(),
                p.leadAgencyId(), p.reviewOn(), p.meetingId(), p.aboutPersonIds());
    }

    private static RoleView<Sealed> role(PlanRole role, boolean texts) {
        return new RoleView<>(role.agencyId(), texts ? new Text<>(role.task()) : null);
    }

    private static List<MeetingView> meetings(CaseState c) {
        List<MeetingView> items = new ArrayList<>();
        for (MeetingOnCase m : c.meetings()) {
            List<String> decided = c.decisions().stream().filter(d -> d.meetingId().equals(m.meetingId()))
                    .map(CaseState.MeetingDecision::type).toList();
            items.add(new MeetingView(m.meetingId(), m.kind(), m.heldOn(), m.convenerAgencyId(), m.attendeeAgencyIds(),
                    m.acknowledgedAt().keySet(), decided));
        }
        return items;
    }

    private static List<DirectionView<Sealed>> directions(CaseState c, Redaction r) {
        return c.directions().stream().map(d -> {
            boolean texts = r.shows(d.aboutPersonIds(), InformationCategory.NOTES);
            return new DirectionView<>(d.meetingId(), texts ? new Text<>(d.direction()) : null, d.watchOver(),
                    d.actions().stream().map(a -> role(a, texts)).toList(), d.nextReviewOn(), d.aboutPersonIds());
        }).toList();
    }

    // ---- opening the view ------------------------------------------------------------------------------------------

    /** Every sealed value the view shows: what the application opens, and nothing else. */
    public List<T> texts() {
        List<T> values = new ArrayList<>();
        map(value -> {
            values.add(value);
            return value;
        });
        return values;
    }

    /**
     * The same view with every text mapped by {@code open}; a member whose name was there but opens to null is
     * marked {@code erased}.
     */
    public <U> CaseView<U> map(Function<T, U> open) {
        return new CaseView<>(caseId, version, phase, access, issues, openingAgencyId, leadAgencyId, coordinatorAgencyId,
                household == null ? null : new Household<>(household.members().stream().map(m -> member(m, open)).toList()),
                consultations.stream().map(k -> new ConsultationView<>(k.consultationId(), k.agencyId(), k.occurredAt(),
                        k.channel(), k.consultedBy(), k.issues(), k.categories(), k.aboutPersonIds(), mapText(k.summary(), open))).toList(),
                contacts == null ? null : contacts.stream().map(k -> new ContactView<>(k.contactId(), k.agencyId(),
                        k.occurredAt(), k.method(), k.reached(), k.accompaniedAgencyIds(), k.aboutPersonIds(),
                        mapText(k.summary(), open))).toList(),
                notes == null ? null : notes.stream().map(n -> new NoteView<>(n.kind(), n.agencyId(), n.occurredAt(),
                        n.meetingId(), n.aboutPersonIds(), mapText(n.text(), open))).toList(),
                consents == null ? null : consents.stream().map(k -> new ConsentView<>(k.consentId(), k.status(),
                        k.givenBy(), k.aboutPersonIds(), k.agencyIds(), k.agencyTypes(), k.purposes(), k.categories(),
                        k.validUntil(), k.givenAt(), k.withdrawnAt(), k.evidence() == null ? null
                        : new EvidenceView<>(k.evidence().form(), mapText(k.evidence().reference(), open),
                        k.evidence().obtainedOn()))).toList(),
                referrals == null ? null : referrals.stream().map(k -> new ReferralView<>(k.referralId(),
                        k.fromAgencyId(), k.toAgencyId(), k.status(), k.basis(), k.categories(), k.aboutPersonIds(),
                        k.requestedAt(), k.dueAt(), k.answeredAt(), k.completedAt(), k.withdrawalCause(), k.overdue(),
                        mapText(k.reason(), open), mapText(k.answerReason(), open))).toList(),
                plan == null ? null : plan.map(p -> new PlanView<>(
                        p.goals() == null ? null : p.goals().stream().map(g -> mapText(g, open)).toList(),
                        p.roles().stream().map(x -> new RoleView<>(x.agencyId(), mapText(x.task(), open))).toList(),
                        p.leadAgencyId(), p.reviewOn(), p.meetingId(), p.aboutPersonIds())),
                participationPartners, meetings,
                directions == null ? null : directions.stream().map(d -> new DirectionView<>(d.meetingId(),
                        mapText(d.direction(), open), d.watchOver(),
                        d.actions().stream().map(x -> new RoleView<>(x.agencyId(), mapText(x.task(), open))).toList(),
                        d.nextReviewOn(), d.aboutPersonIds())).toList());
    }

    private static <T, U> MemberView<U> member(MemberView<T> m, Function<T, U> open) {
        Text<U> name = mapText(m.name(), open);
        Text<U> birthDate = mapText(m.birthDate(), open);
        boolean erased = m.name().value() != null && name.value() == null;
        return new MemberView<>(m.personId(), m.relationship(), name, birthDate, m.birthYear(), erased ? Boolean.TRUE : null,
                m.left());
    }

    private static <T, U> Text<U> mapText(Text<T> text, Function<T, U> open) {
        return text == null ? null : text.map(open);
    }
}
