package jp.kasane.core.supportcase.commands;

import jp.kasane.core.access.Caller;
import jp.kasane.core.access.CallerCommand;
import jp.kasane.core.supportcase.HouseholdMember;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Add a member to the household (the 8050 son found later, a guardian appointed); name and birth date sealed. */
public record AddMember(@TargetAggregateIdentifier String caseId, Caller caller, Long expectedVersion,
                        HouseholdMember member) implements CallerCommand {
}
