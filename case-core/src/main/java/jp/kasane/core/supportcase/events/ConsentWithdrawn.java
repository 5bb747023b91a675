package jp.kasane.core.supportcase.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import jp.kasane.core.personaldata.Sealed;
import org.axonframework.serialization.Revision;

/** Consent was withdrawn (同意の撤回); no new disclosure rests on it from {@code withdrawnAt}. */
@JsonTypeName("kasane.ConsentWithdrawn")
@Revision("1")
public record ConsentWithdrawn(String caseId, String consentId, Sealed reason, Instant withdrawnAt) implements CaseEvent {
}
