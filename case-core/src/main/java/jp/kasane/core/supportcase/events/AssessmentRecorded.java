package jp.kasane.core.supportcase.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import java.time.Instant;
import jp.kasane.core.personaldata.Sealed;
import org.axonframework.serialization.Revision;

/** An assessment (アセスメント) was recorded. */
@JsonTypeName("kasane.AssessmentRecorded")
@Revision("1")
public record AssessmentRecorded(String caseId, String assessmentId, String agencyId, Instant occurredAt, Sealed summary, List<String> aboutPersonIds) implements CaseEvent {
}
