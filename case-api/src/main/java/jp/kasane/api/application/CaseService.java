package jp.kasane.api.application;

import jp.kasane.api.web.error.FieldProblem;
import jp.kasane.api.web.error.ValidationFailed;
import jp.kasane.core.access.AccessDecision;
import jp.kasane.core.access.Caller;
import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.access.Purpose;
import jp.kasane.core.consent.ConsentCapacity;
import jp.kasane.core.personaldata.PersonalDataErasedException;
import jp.kasane.core.personaldata.PersonalDataVault;
import jp.kasane.core.personaldata.Sealed;
import jp.kasane.core.referral.ReferralBasis;
import jp.kasane.core.rules.RuleViolation;
import jp.kasane.core.supportcase.CaseRules;
import jp.kasane.core.supportcase.CaseState;
import jp.kasane.core.supportcase.Channel;
import jp.kasane.core.supportcase.Consultation;
import jp.kasane.core.supportcase.HouseholdMember;
import jp.kasane.core.supportcase.IssueCatalog;
import jp.kasane.core.supportcase.commands.*;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The case use cases: seals personal data with the right subject's key, then sends the command. Runs inside the
 * request's transaction (see {@link Transactions}); the aggregate decides every rule.
 */
@Service
public class CaseService {

    /** A household member as it arrives, before sealing. */
    public record NewMember(String name, LocalDate birthDate, String relationship) {
    }

    /** A consultation as it arrives, before sealing. */
    public record NewConsultation(Instant occurredAt, Channel channel, String summary, List<String> issues,
                                  List<InformationCategory> categories) {
    }

    public record Opened(String caseId, long version) {
    }

    private final CommandGateway commands;
    private final PersonalDataVault vault;
    private final CaseHistory history;
    private final IssueCatalog issues;
    private final CaseRules rules;

    public CaseService(CommandGateway commands, PersonalDataVault vault, CaseHistory history, IssueCatalog issues,
                       CaseRules rules) {
        this.commands = commands;
        this.vault = vault;
        this.history = history;
        this.issues = issues;
        this.rules = rules;
    }

    public Opened open(Caller caller, List<NewMember> members, NewConsultation first) {
        checkIssues(first.issues());
        String caseId = UUID.randomUUID().toString();
        List<HouseholdMember> sealedMembers = new ArrayList<>();
        for (NewMember m : members) {
            String personId = UUID.randomUUID().toString();
            sealedMembers.add(new HouseholdMember(personId, m.relationship(),
                    vault.seal(personId, m.name()), vault.seal(personId, m.birthDate().toString())));
        }
        String principal = sealedMembers.stream().filter(m -> "SELF".equals(m.relationship())).findFirst()
                .orElse(sealedMembers.get(0)).personId();
        Consultation consultation = seal(caller, principal, first);
        commands.sendAndWait(new OpenCase(caseId, caller, sealedMembers, consultation));
        return new Opened(caseId, 1);
    }

    public CaseChange recordConsultation(Caller caller, String caseId, Long expectedVersion, NewConsultation c) {
        checkIssues(c.issues());
        Consultation sealed = underPrincipal(caller, caseId, subject -> seal(caller, subject, c));
        return commands.sendAndWait(new RecordConsultation(caseId, caller, expectedVersion, sealed));
    }

    public CaseChange recordAssessment(Caller caller, String caseId, Long expectedVersion, Instant occurredAt, String summary) {
        return commands.sendAndWait(new RecordAssessment(caseId, caller, expectedVersion, UUID.randomUUID().toString(),
                occurredAt, sealFor(caller, caseId, summary)));
    }

    public CaseChange recordMonitoring(Caller caller, String caseId, Long expectedVersion, Instant occurredAt, String note) {
        return commands.sendAndWait(new RecordMonitoringNote(caseId, caller, expectedVersion, UUID.randomUUID().toString(),
                occurredAt, sealFor(caller, caseId, note)));
    }

    public Created giveConsent(Caller caller, String caseId, Long expectedVersion, String givenByPersonId,
                               ConsentCapacity capacity, Set<String> agencyIds, Set<jp.kasane.core.agency.AgencyType> agencyTypes,
                               Set<Purpose> purposes, Set<InformationCategory> categories, LocalDate validUntil) {
        if (purposes.contains(Purpose.AUDIT)) {
            throw new ValidationFailed("purposes", "AUDIT is not a purpose a person consents to");
        }
        if (agencyIds.isEmpty() && agencyTypes.isEmpty()) {
            throw new ValidationFailed("agencyIds", "name at least one agency (agencyIds or agencyTypes)");
        }
        String consentId = UUID.randomUUID().toString();
        CaseChange change = commands.sendAndWait(new GiveConsent(caseId, caller, expectedVersion, consentId, givenByPersonId,
                capacity, agencyIds, agencyTypes, purposes, categories, validUntil));
        return new Created(consentId, change.version());
    }

    public CaseChange withdrawConsent(Caller caller, String caseId, Long expectedVersion, String consentId, String reason) {
        return commands.sendAndWait(new WithdrawConsent(caseId, caller, expectedVersion, consentId, sealFor(caller, caseId, reason)));
    }

    public Created requestReferral(Caller caller, String caseId, Long expectedVersion, String toAgencyId, String reason,
                                   ReferralBasis basis, List<InformationCategory> categories) {
        String referralId = UUID.randomUUID().toString();
        Set<InformationCategory> shared = categories == null || categories.isEmpty()
                ? EnumSet.of(InformationCategory.BASIC) : EnumSet.copyOf(categories);
        CaseChange change = commands.sendAndWait(new RequestReferral(caseId, caller, expectedVersion, referralId, toAgencyId,
                sealFor(caller, caseId, reason), basis, shared));
        return new Created(referralId, change.version());
    }

    public CaseChange acceptReferral(Caller caller, String caseId, Long expectedVersion, String referralId) {
        return commands.sendAndWait(new AcceptReferral(caseId, caller, expectedVersion, referralId));
    }

    public CaseChange declineReferral(Caller caller, String caseId, Long expectedVersion, String referralId, String reason) {
        return commands.sendAndWait(new DeclineReferral(caseId, caller, expectedVersion, referralId, sealFor(caller, caseId, reason)));
    }

    public CaseChange withdrawReferral(Caller caller, String caseId, Long expectedVersion, String referralId, String reason) {
        return commands.sendAndWait(new WithdrawReferral(caseId, caller, expectedVersion, referralId, sealFor(caller, caseId, reason)));
    }

    public CaseChange completeReferral(Caller caller, String caseId, Long expectedVersion, String referralId) {
        return commands.sendAndWait(new CompleteReferral(caseId, caller, expectedVersion, referralId));
    }

    public CaseChange escalate(Caller caller, String caseId, Long expectedVersion, String coordinatorAgencyId, String reason) {
        return commands.sendAndWait(new EscalateCase(caseId, caller, expectedVersion, coordinatorAgencyId, sealFor(caller, caseId, reason)));
    }

    public CaseChange close(Caller caller, String caseId, Long expectedVersion, String reason, String evaluation) {
        return commands.sendAndWait(new CloseCase(caseId, caller, expectedVersion, sealFor(caller, caseId, reason), sealFor(caller, caseId, evaluation)));
    }

    /** Decides a read on the case as it stands and records it in the ledger when it is a disclosure. */
    public AccessDecision disclose(Caller caller, String caseId, Purpose purpose, String vitalInterestJustification) {
        return commands.sendAndWait(new DiscloseCase(caseId, caller, purpose, sealFor(caller, caseId, vitalInterestJustification)));
    }

    /** Seals free text of a case with the key of the person the case is about; null stays null. */
    public Sealed sealFor(Caller caller, String caseId, String text) {
        return text == null ? null : underPrincipal(caller, caseId, subject -> vault.seal(subject, text));
    }

    /**
     * Seals with the principal's key. When that person has been erased, only a caller who may act on the case learns
     * it (409 PERSONAL_DATA_ERASED); to anyone else the case does not exist, as for every other refusal.
     */
    private <T> T underPrincipal(Caller caller, String caseId, Function<String, T> sealing) {
        String principal = history.principalOf(caseId).orElseThrow(RuleViolation::notFound);
        try {
            return sealing.apply(principal);
        } catch (PersonalDataErasedException e) {
            CaseState state = history.load(caseId).orElseThrow(RuleViolation::notFound);
            if (!rules.mayWrite(state, caller)) {
                throw RuleViolation.notFound();
            }
            throw e;
        }
    }

    private Consultation seal(Caller caller, String subjectId, NewConsultation c) {
        List<String> flags = c.issues() == null ? List.of() : List.copyOf(new LinkedHashSet<>(c.issues()));
        Set<InformationCategory> categories = c.categories() == null || c.categories().isEmpty()
                ? EnumSet.of(InformationCategory.NOTES) : EnumSet.copyOf(c.categories());
        return new Consultation(UUID.randomUUID().toString(), caller.agencyId(), c.occurredAt(), c.channel(),
                vault.seal(subjectId, c.summary()), flags, categories);
    }

    private void checkIssues(List<String> flags) {
        if (flags == null) {
            return;
        }
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < flags.size(); i++) {
            if (!issues.knows(flags.get(i))) {
                problems.add(new FieldProblem("issues[" + i + "]", "is not a known issue code"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationFailed(problems);
        }
    }

    /** A write that created something inside the case (a consent, a referral). */
    public record Created(String id, long version) {
    }
}
