package jp.kasane.core.supportcase.commands;

import jp.kasane.core.access.Caller;
import jp.kasane.core.access.CallerCommand;
import jp.kasane.core.personaldata.Sealed;
import jp.kasane.core.supportcase.CorrectableField;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Correct (or first record) a member's name or birth date; value and reason sealed under the member's key. */
public record CorrectPersonalData(@TargetAggregateIdentifier String caseId, Caller caller, Long expectedVersion,
                                  String personId, CorrectableField field, Sealed value, Sealed reason)
        implements CallerCommand {
}
