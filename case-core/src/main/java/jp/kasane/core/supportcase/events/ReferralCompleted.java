package jp.kasane.core.supportcase.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The receiving agency made contact / took over its part. */
@JsonTypeName("kasane.ReferralCompleted")
@Revision("1")
public record ReferralCompleted(String caseId, String referralId, String agencyId, Instant completedAt) implements CaseEvent {
}
