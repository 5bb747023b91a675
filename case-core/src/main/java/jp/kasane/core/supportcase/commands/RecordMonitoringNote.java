package jp.kasane.core.supportcase.commands;

import java.util.List;
import java.time.Instant;
import jp.kasane.core.access.Caller;
import jp.kasane.core.access.CallerCommand;
import jp.kasane.core.personaldata.Sealed;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a monitoring note. */
public record RecordMonitoringNote(@TargetAggregateIdentifier String caseId, Caller caller, Long expectedVersion, String noteId, Instant occurredAt, Sealed note, List<String> aboutPersonIds) implements CallerCommand {
}
