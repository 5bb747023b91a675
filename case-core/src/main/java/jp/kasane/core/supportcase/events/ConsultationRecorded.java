package jp.kasane.core.supportcase.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import jp.kasane.core.supportcase.Consultation;
import org.axonframework.serialization.Revision;

/** A further consultation (相談) was recorded. */
@JsonTypeName("kasane.ConsultationRecorded")
@Revision("1")
public record ConsultationRecorded(String caseId, Consultation consultation) implements CaseEvent {
}
