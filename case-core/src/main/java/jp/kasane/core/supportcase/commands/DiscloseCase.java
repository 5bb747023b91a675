package jp.kasane.core.supportcase.commands;

import jp.kasane.core.access.Caller;
import jp.kasane.core.access.CallerCommand;
import jp.kasane.core.access.Purpose;
import jp.kasane.core.personaldata.Sealed;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Decide a read; answers the {@link jp.kasane.core.supportcase.Disclosure}: the decision and the view it allows. */
public record DiscloseCase(@TargetAggregateIdentifier String caseId, Caller caller, Purpose purpose, Sealed vitalInterestJustification) implements CallerCommand {
}
