package jp.kasane.api.application;

import jp.kasane.core.access.AccessDecision;
import jp.kasane.core.access.Caller;
import jp.kasane.core.access.DisclosurePolicy;
import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.access.LegalBasis;
import jp.kasane.core.access.Purpose;
import jp.kasane.core.access.Role;
import jp.kasane.core.agency.Agency;
import jp.kasane.core.agency.AgencyDirectory;
import jp.kasane.core.rules.RuleViolation;
import jp.kasane.core.supportcase.CaseState;
import org.springframework.stereotype.Service;

import java.time.Clock;

/**
 * Reads a case for a caller: folds its stream, asks the {@link DisclosurePolicy} (through the aggregate, so the
 * decision and its ledger line are made on the case as it stands), and hands back what the caller may see.
 */
@Service
public class CaseReader {

    /** A case with the decision that lets this caller see it. */
    public record Disclosed(CaseState state, AccessDecision decision) {
    }

    private final CaseHistory history;
    private final CaseService cases;
    private final DisclosurePolicy policy;
    private final AgencyDirectory agencies;
    private final Transactions transactions;
    private final Clock clock;

    public CaseReader(CaseHistory history, CaseService cases, DisclosurePolicy policy, AgencyDirectory agencies,
                      Transactions transactions, Clock clock) {
        this.history = history;
        this.cases = cases;
        this.policy = policy;
        this.agencies = agencies;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Disclosed read(Caller caller, String caseId, Purpose requested) {
        // An auditor's read is recorded as what it is, whatever purpose the request named.
        Purpose purpose = caller.has(Role.AUDITOR) ? Purpose.AUDIT : requested;
        CaseState state = history.load(caseId).orElseThrow(RuleViolation::notFound);
        DisclosurePolicy.Reader reader = new DisclosurePolicy.Reader(caller,
                agencies.find(caller.agencyId()).map(Agency::type).orElse(null), purpose);
        if (!policy.isDisclosure(state, reader)) {
            // The agency that opened the case reads its own record: no disclosure, nothing to write.
            return new Disclosed(state, new AccessDecision(LegalBasis.OWN_RECORD, InformationCategory.all()));
        }
        policy.decide(state, reader, clock.instant()).orElseThrow(RuleViolation::notFound);
        AccessDecision decision = transactions.run(() -> cases.disclose(caller, caseId, purpose, null));
        return new Disclosed(state, decision);
    }

    /** A read under the vital-interest exception: always a ledger line, flagged for review. */
    public Disclosed readForVitalInterest(Caller caller, String caseId, String justification) {
        if (caller.has(Role.AUDITOR)) {
            throw RuleViolation.forbidden("FORBIDDEN", "Auditors read on the AUDIT basis");
        }
        CaseState state = history.load(caseId).orElseThrow(RuleViolation::notFound);
        AccessDecision decision = transactions.run(
                () -> cases.disclose(caller, caseId, Purpose.SUPPORT_COORDINATION, justification));
        return new Disclosed(state, decision);
    }
}
