package jp.kasane.api.application;

import jp.kasane.core.access.Caller;
import jp.kasane.core.access.Purpose;
import jp.kasane.core.access.Role;
import jp.kasane.core.personaldata.PersonalDataVault;
import jp.kasane.core.personaldata.Sealed;
import jp.kasane.core.rules.RuleViolation;
import jp.kasane.core.supportcase.CaseView;
import jp.kasane.core.supportcase.Disclosure;
import jp.kasane.core.supportcase.commands.DiscloseCase;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

import java.util.Map;
import java.util.Optional;

/**
 * Reads a case for a caller: one {@link DiscloseCase} decides the basis and builds the redacted view on the same
 * state, its ledger line is written in the same transaction under the case's shared lock, and only then are the
 * texts the view shows opened (nothing else is decrypted).
 */
@Service
public class CaseReader {

    /** The case as the caller may see it, texts opened, and the version it was decided on (its ETag). */
    public record Read(CaseView<String> view, long version) {
    }

    private final CommandGateway commands;
    private final DisclosureLedger ledger;
    private final CaseLocks locks;
    private final Transactions transactions;
    private final CaseService cases;
    private final PersonalDataVault vault;

    public CaseReader(CommandGateway commands, DisclosureLedger ledger, CaseLocks locks, Transactions transactions,
                      CaseService cases, PersonalDataVault vault) {
        this.commands = commands;
        this.ledger = ledger;
        this.locks = locks;
        this.transactions = transactions;
        this.cases = cases;
        this.vault = vault;
    }

    public Read read(Caller caller, String caseId, Purpose requested) {
        // An auditor's read is recorded as what it is, whatever purpose the request named.
        Purpose purpose = caller.has(Role.AUDITOR) ? Purpose.AUDIT : requested;
        return open(transactions.run(() -> disclose(caller, caseId, purpose, null)));
    }

    /** A read under the vital-interest exception: always a ledger line, flagged for review. */
    public Read readForVitalInterest(Caller caller, String caseId, String justification) {
        if (caller.has(Role.AUDITOR)) {
            throw RuleViolation.forbidden("FORBIDDEN", "Auditors read on the AUDIT basis");
        }
        return open(transactions.run(() -> disclose(caller, caseId, Purpose.SUPPORT_COORDINATION,
                cases.sealAbout(caller, caseId, null, justification))));
    }

    /** An auditor's read of a case's trail is itself a disclosure: decided and recorded before anything is read. */
    public void recordAuditRead(Caller caller, String caseId) {
        transactions.run(() -> disclose(caller, caseId, Purpose.AUDIT, null));
    }

    private Disclosure disclose(Caller caller, String caseId, Purpose purpose, Sealed justification) {
        locks.forReading(caseId);
        Disclosure d = commands.sendAndWait(new DiscloseCase(caseId, caller, purpose, justification));
        if (d.recorded()) {
            ledger.record(caller, caseId, d.decision(), purpose, d.version(), justification);
        }
        return d;
    }

    private Read open(Disclosure d) {
        Map<Sealed, Optional<String>> clear = vault.openAll(d.view().texts());
        return new Read(d.view().map(sealed -> clear.getOrDefault(sealed, Optional.empty()).orElse(null)), d.version());
    }
}
