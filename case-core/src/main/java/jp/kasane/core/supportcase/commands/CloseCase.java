package jp.kasane.core.supportcase.commands;

import java.util.List;
import jp.kasane.core.access.Caller;
import jp.kasane.core.access.CallerCommand;
import jp.kasane.core.personaldata.Sealed;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Close the case (終結) with a reason and an evaluation. */
public record CloseCase(@TargetAggregateIdentifier String caseId, Caller caller, Long expectedVersion, Sealed reason, Sealed evaluation, List<String> aboutPersonIds) implements CallerCommand {
}
