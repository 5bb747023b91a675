package jp.kasane.core.supportcase.commands;

import java.util.List;
import java.time.Instant;
import jp.kasane.core.access.Caller;
import jp.kasane.core.access.CallerCommand;
import jp.kasane.core.personaldata.Sealed;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record an assessment. */
public record RecordAssessment(@TargetAggregateIdentifier String caseId, Caller caller, Long expectedVersion, String assessmentId, Instant occurredAt, Sealed summary, List<String> aboutPersonIds) implements CallerCommand {
}
