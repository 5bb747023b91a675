package jp.kasane.core.supportcase.commands;

import jp.kasane.core.access.Caller;
import jp.kasane.core.access.CallerCommand;
import jp.kasane.core.supportcase.Contact;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a contact (訪問, 電話, アウトリーチ, 同行), reached or not. */
public record RecordContact(@TargetAggregateIdentifier String caseId, Caller caller, Long expectedVersion,
                            Contact contact) implements CallerCommand {
}
