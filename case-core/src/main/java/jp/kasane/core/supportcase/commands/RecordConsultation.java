package jp.kasane.core.supportcase.commands;

import jp.kasane.core.access.Caller;
import jp.kasane.core.access.CallerCommand;
import jp.kasane.core.supportcase.Consultation;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a consultation; on a closed or suspended case it reopens the case. */
public record RecordConsultation(@TargetAggregateIdentifier String caseId, Caller caller, Long expectedVersion, Consultation consultation) implements CallerCommand {
}
