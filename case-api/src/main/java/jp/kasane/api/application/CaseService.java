package jp.kasane.api.application;

import jp.kasane.core.access.Caller;
import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.access.Purpose;
import jp.kasane.core.agency.AgencyType;
import jp.kasane.core.consent.ConsentCapacity;
import jp.kasane.core.consent.ConsentEvidence;
import jp.kasane.core.personaldata.PersonalDataErasedException;
import jp.kasane.core.personaldata.PersonalDataVault;
import jp.kasane.core.personaldata.Sealed;
import jp.kasane.core.referral.ReferralBasis;
import jp.kasane.core.rules.RuleViolation;
import jp.kasane.core.supportcase.CaseRules;
import jp.kasane.core.supportcase.CaseState;
import jp.kasane.core.supportcase.Channel;
import jp.kasane.core.supportcase.ConsultedBy;
import jp.kasane.core.supportcase.Contact;
import jp.kasane.core.supportcase.CorrectableField;
import jp.kasane.core.supportcase.Departure;
import jp.kasane.core.supportcase.ContactMethod;
import jp.kasane.core.supportcase.Consultation;
import jp.kasane.core.supportcase.HouseholdMember;
import jp.kasane.core.supportcase.SupportCase;
import jp.kasane.core.supportcase.commands.*;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The case use cases: lock the case, seal personal data under the keys of the persons it is about, send the command.
 * Runs inside the request's transaction (see {@link Transactions}); the aggregate decides every rule.
 */
@Service
public class CaseService {

    /** A household member as it arrives, before sealing. */
    public record NewMember(String name, LocalDate birthDate, Integer birthYear, String relationship) {
    }

    /** A consultation as it arrives, before sealing. */
    public record NewConsultation(Instant occurredAt, Channel channel, String summary, List<String> issues,
                                  List<InformationCategory> categories, List<String> aboutPersonIds,
                                  ConsultedBy consultedBy) {
    }

    /** A consent as it arrives: its giver, capacity, subjects and scope, and its evidence (reference in clear). */
    public record NewConsent(String givenByPersonId, ConsentCapacity capacity, List<String> aboutPersonIds,
                             List<String> agencyIds, Set<AgencyType> agencyTypes, Set<Purpose> purposes,
                             Set<InformationCategory> categories, LocalDate validUntil, ConsentEvidence.Form evidenceForm,
                             String evidenceReference, LocalDate evidenceObtainedOn) {
    }

    public record Opened(String caseId, long version) {
    }

    /** A write that created something inside the case (a consent, a referral). */
    public record Created(String id, long version) {
    }

    private final CommandGateway commands;
    private final PersonalDataVault vault;
    private final CaseHistory history;
    private final CaseLocks locks;
    private final CaseRules rules;

    public CaseService(CommandGateway commands, PersonalDataVault vault, CaseHistory history, CaseLocks locks,
                       CaseRules rules) {
        this.commands = commands;
        this.vault = vault;
        this.history = history;
        this.locks = locks;
        this.rules = rules;
    }

    public Opened open(Caller caller, List<NewMember> members, NewConsultation first) {
        String caseId = UUID.randomUUID().toString();
        List<HouseholdMember> sealedMembers = new ArrayList<>();
        for (NewMember m : members) {
            sealedMembers.add(sealed(UUID.randomUUID().toString(), m));
        }
        // The first consultation is about the person the case is about; members have no ids to name before this.
        String principal = CaseState.principalOf(sealedMembers).orElseThrow();
        commands.sendAndWait(new OpenCase(caseId, caller, sealedMembers,
                consultation(caller, first, List.of(principal), vault.seal(principal, first.summary()))));
        history.opening(caseId, principal);
        return new Opened(caseId, 1);
    }

    /** A contact with the person, its summary (if any) sealed under the persons it is about. */
    public Created recordContact(Caller caller, String caseId, Long expectedVersion, Instant occurredAt,
                                 ContactMethod method, boolean reached, List<String> accompaniedAgencyIds, String summary,
                                 List<String> about) {
        String contactId = UUID.randomUUID().toString();
        CaseChange change = write(caller, caseId, () -> commands.sendAndWait(new RecordContact(caseId, caller,
                expectedVersion, new Contact(contactId, caller.agencyId(), occurredAt, method, reached,
                accompaniedAgencyIds, sealAbout(caller, caseId, about, summary), about))));
        return new Created(contactId, change.version());
    }

    /** A member left the household; nothing is sealed. */
    public CaseChange recordDeparture(Caller caller, String caseId, Long expectedVersion, String personId,
                                      Departure departure) {
        return write(caller, caseId, () -> commands.sendAndWait(new RecordDeparture(caseId, caller, expectedVersion,
                personId, departure)));
    }

    /**
     * A member's name or birth date corrected (or recorded at last), sealed with the reason under the member's own key.
     * When the member has been erased, only a caller who may correct learns it (409 PERSONAL_DATA_ERASED).
     */
    public CaseChange correct(Caller caller, String caseId, Long expectedVersion, String personId,
                              CorrectableField field, String value, String reason) {
        Predicate<CaseState> mayLearn = state -> rules.mayCorrect(state, caller) && state.member(personId).isPresent();
        return write(caller, caseId, () -> commands.sendAndWait(new CorrectPersonalData(caseId, caller, expectedVersion,
                personId, field, seal(caseId, personId, value, mayLearn), seal(caseId, personId, reason, mayLearn))));
    }

    /** A member joins the household: a new person, their name and birth date sealed under their own new key. */
    public Created addMember(Caller caller, String caseId, Long expectedVersion, NewMember m) {
        String personId = UUID.randomUUID().toString();
        CaseChange change = write(caller, caseId, () -> commands.sendAndWait(new AddMember(caseId, caller, expectedVersion,
                sealed(personId, m))));
        return new Created(personId, change.version());
    }

    /** A new person of the household, their name and birth date sealed under their own key. */
    private HouseholdMember sealed(String personId, NewMember m) {
        return new HouseholdMember(personId, m.relationship(), sealOrNull(personId, m.name()),
                m.birthDate() == null ? null : vault.seal(personId, m.birthDate().toString()), m.birthYear(), null);
    }

    public CaseChange recordConsultation(Caller caller, String caseId, Long expectedVersion, NewConsultation c) {
        return write(caller, caseId, () -> {
            Sealed summary = sealAbout(caller, caseId, c.aboutPersonIds(), c.summary());
            return commands.sendAndWait(new RecordConsultation(caseId, caller, expectedVersion,
                    consultation(caller, c, c.aboutPersonIds(), summary)));
        });
    }

    public CaseChange recordAssessment(Caller caller, String caseId, Long expectedVersion, Instant occurredAt,
                                       String summary, List<String> about) {
        return write(caller, caseId, () -> commands.sendAndWait(new RecordAssessment(caseId, caller, expectedVersion,
                UUID.randomUUID().toString(), occurredAt, sealAbout(caller, caseId, about, summary), about)));
    }

    public CaseChange recordMonitoring(Caller caller, String caseId, Long expectedVersion, Instant occurredAt,
                                       String note, List<String> about) {
        return write(caller, caseId, () -> commands.sendAndWait(new RecordMonitoringNote(caseId, caller, expectedVersion,
                UUID.randomUUID().toString(), occurredAt, sealAbout(caller, caseId, about, note), about)));
    }

    public Created giveConsent(Caller caller, String caseId, Long expectedVersion, NewConsent c) {
        String consentId = UUID.randomUUID().toString();
        CaseChange change = write(caller, caseId, () -> {
            ConsentEvidence evidence = c.evidenceForm() == null ? null : new ConsentEvidence(c.evidenceForm(),
                    sealAbout(caller, caseId, List.of(c.givenByPersonId()), c.evidenceReference()), c.evidenceObtainedOn());
            return commands.sendAndWait(new GiveConsent(caseId, caller, expectedVersion, consentId, c.givenByPersonId(),
                    c.capacity(), c.aboutPersonIds(), c.agencyIds(), c.agencyTypes(), c.purposes(), c.categories(),
                    c.validUntil(), evidence, birthDatesOnFile(caseId, c)));
        });
        return new Created(consentId, change.version());
    }

    /** The narrowing carries its own expected version (If-Match): nothing in it is sealed. */
    public CaseChange narrowConsent(Caller caller, String caseId, NarrowConsent narrowing) {
        return write(caller, caseId, () -> commands.sendAndWait(narrowing));
    }

    public CaseChange withdrawConsent(Caller caller, String caseId, Long expectedVersion, String consentId, String reason) {
        return write(caller, caseId, () -> commands.sendAndWait(new WithdrawConsent(caseId, caller, expectedVersion,
                consentId, sealAbout(caller, caseId, List.of(), reason))));
    }

    public Created requestReferral(Caller caller, String caseId, Long expectedVersion, String toAgencyId, String reason,
                                   ReferralBasis basis, List<InformationCategory> categories, List<String> about) {
        String referralId = UUID.randomUUID().toString();
        Set<InformationCategory> shared = categories == null || categories.isEmpty()
                ? SupportCase.defaultSharedCategories() : EnumSet.copyOf(categories);
        CaseChange change = write(caller, caseId, () -> commands.sendAndWait(new RequestReferral(caseId, caller,
                expectedVersion, referralId, toAgencyId, sealAbout(caller, caseId, about, reason), basis, shared, about)));
        return new Created(referralId, change.version());
    }

    public CaseChange acceptReferral(Caller caller, String caseId, Long expectedVersion, String referralId) {
        return write(caller, caseId, () -> commands.sendAndWait(new AcceptReferral(caseId, caller, expectedVersion, referralId)));
    }

    public CaseChange declineReferral(Caller caller, String caseId, Long expectedVersion, String referralId, String reason) {
        return write(caller, caseId, () -> commands.sendAndWait(new DeclineReferral(caseId, caller, expectedVersion,
                referralId, sealAbout(caller, caseId, List.of(), reason))));
    }

    public CaseChange withdrawReferral(Caller caller, String caseId, Long expectedVersion, String referralId, String reason) {
        return write(caller, caseId, () -> commands.sendAndWait(new WithdrawReferral(caseId, caller, expectedVersion,
                referralId, sealAbout(caller, caseId, List.of(), reason))));
    }

    public CaseChange completeReferral(Caller caller, String caseId, Long expectedVersion, String referralId) {
        return write(caller, caseId, () -> commands.sendAndWait(new CompleteReferral(caseId, caller, expectedVersion, referralId)));
    }

    public CaseChange escalate(Caller caller, String caseId, Long expectedVersion, String coordinatorAgencyId, String reason) {
        return write(caller, caseId, () -> commands.sendAndWait(new EscalateCase(caseId, caller, expectedVersion,
                coordinatorAgencyId, sealAbout(caller, caseId, List.of(), reason))));
    }

    public CaseChange close(Caller caller, String caseId, Long expectedVersion, String reason, String evaluation,
                            List<String> about) {
        return write(caller, caseId, () -> commands.sendAndWait(new CloseCase(caseId, caller, expectedVersion,
                sealAbout(caller, caseId, about, reason), sealAbout(caller, caseId, about, evaluation), about)));
    }

    /** A write holds its case's lock from before the case is loaded until the request's transaction ends. */
    private <T> T write(Caller caller, String caseId, Supplier<T> command) {
        locks.forWriting(caseId);
        return command.get();
    }

    /**
     * Seals a text of a case under the key of the persons it is about (none named: the case's SELF member); null
     * stays null. When that person has been erased, only a caller who holds the case learns it
     * (409 PERSONAL_DATA_ERASED); to anyone else the case does not exist, as for every other refusal.
     */
    public Sealed sealAbout(Caller caller, String caseId, List<String> about, String text) {
        if (text == null) {
            return null;
        }
        String subject = about != null && !about.isEmpty() ? about.get(0)
                : history.principalOf(caseId).orElseThrow(RuleViolation::notFound);
        return seal(caseId, subject, text, state -> rules.mayWrite(state, caller));
    }

    /**
     * Seals a text of a case under {@code subject}'s key. When the subject has been erased, the caller learns it
     * (409 PERSONAL_DATA_ERASED) only if {@code mayLearn} holds for the case; to anyone else the case does not exist.
     */
    private Sealed seal(String caseId, String subject, String text, Predicate<CaseState> mayLearn) {
        try {
            return vault.seal(subject, text);
        } catch (PersonalDataErasedException e) {
            CaseState state = history.load(caseId).orElseThrow(RuleViolation::notFound);
            if (!mayLearn.test(state)) {
                throw RuleViolation.notFound();
            }
            throw e;
        }
    }

    /**
     * The birth dates a PARENT consent is decided on (who is a minor today), opened for this one decision and never
     * recorded. Only the persons the consent names are opened, and only for a PARENT consent.
     */
    private Map<String, LocalDate> birthDatesOnFile(String caseId, NewConsent c) {
        if (c.capacity() != ConsentCapacity.PARENT || c.aboutPersonIds() == null || c.aboutPersonIds().isEmpty()) {
            return Map.of();
        }
        Set<String> named = new LinkedHashSet<>(c.aboutPersonIds());
        Map<String, LocalDate> born = new LinkedHashMap<>();
        history.load(caseId).ifPresent(state -> state.members().stream()
                .filter(m -> named.contains(m.personId()) && m.birthDate() != null)
                .forEach(m -> vault.open(m.birthDate()).map(LocalDate::parse).ifPresent(d -> born.put(m.personId(), d))));
        return born;
    }

    private Sealed sealOrNull(String subject, String text) {
        return text == null ? null : vault.seal(subject, text);
    }

    private static Consultation consultation(Caller caller, NewConsultation c, List<String> about, Sealed summary) {
        List<String> flags = c.issues() == null ? List.of() : List.copyOf(new LinkedHashSet<>(c.issues()));
        return new Consultation(UUID.randomUUID().toString(), caller.agencyId(), c.occurredAt(), c.channel(),
                summary, flags, c.categories() == null ? null : Set.copyOf(c.categories()), about, c.consultedBy());
    }
}
