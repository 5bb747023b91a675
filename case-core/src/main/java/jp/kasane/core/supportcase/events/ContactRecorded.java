package jp.kasane.core.supportcase.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import jp.kasane.core.supportcase.Contact;
import org.axonframework.serialization.Revision;

/** A contact with the person was made or attempted. */
@JsonTypeName("kasane.ContactRecorded")
@Revision("1")
public record ContactRecorded(String caseId, Contact contact) implements CaseEvent {
}
