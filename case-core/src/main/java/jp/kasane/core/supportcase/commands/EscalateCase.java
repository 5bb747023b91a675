package jp.kasane.core.supportcase.commands;

import jp.kasane.core.access.Caller;
import jp.kasane.core.access.CallerCommand;
import jp.kasane.core.personaldata.Sealed;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Escalate the case to 多機関協働; {@code coordinatorAgencyId} may be null for the city's coordinator. */
public record EscalateCase(@TargetAggregateIdentifier String caseId, Caller caller, Long expectedVersion, String coordinatorAgencyId, Sealed reason) implements CallerCommand {
}
