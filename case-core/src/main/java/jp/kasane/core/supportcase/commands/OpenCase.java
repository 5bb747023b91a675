package jp.kasane.core.supportcase.commands;

import java.util.List;
import jp.kasane.core.access.Caller;
import jp.kasane.core.access.CallerCommand;
import jp.kasane.core.supportcase.Consultation;
import jp.kasane.core.supportcase.HouseholdMember;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Open a case from a first consultation. */
public record OpenCase(@TargetAggregateIdentifier String caseId, Caller caller, List<HouseholdMember> members, Consultation consultation) implements CallerCommand {
}
