package jp.kasane.core.supportcase.commands;

import jp.kasane.core.access.Caller;
import jp.kasane.core.access.CallerCommand;
import jp.kasane.core.supportcase.Departure;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A member left the household. */
public record RecordDeparture(@TargetAggregateIdentifier String caseId, Caller caller, Long expectedVersion,
                              String personId, Departure departure) implements CallerCommand {
}
