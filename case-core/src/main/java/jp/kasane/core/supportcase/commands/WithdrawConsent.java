package jp.kasane.core.supportcase.commands;

import jp.kasane.core.access.Caller;
import jp.kasane.core.access.CallerCommand;
import jp.kasane.core.personaldata.Sealed;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Withdraw a consent, at once. */
public record WithdrawConsent(@TargetAggregateIdentifier String caseId, Caller caller, Long expectedVersion, String consentId, Sealed reason) implements CallerCommand {
}
