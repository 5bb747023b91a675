package jp.kasane.core.supportcase.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import java.time.Instant;
import java.util.Set;
import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.personaldata.Sealed;
import jp.kasane.core.referral.ReferralBasis;
import org.axonframework.serialization.Revision;

/** A referral (つなぎ) was requested; the receiver should answer by {@code dueAt}. */
@JsonTypeName("kasane.ReferralRequested")
@Revision("1")
public record ReferralRequested(String caseId, String referralId, String fromAgencyId, String toAgencyId, Sealed reason, ReferralBasis basis, String consentId, String meetingId, Set<InformationCategory> categories, Instant requestedAt, Instant dueAt, List<String> aboutPersonIds) implements CaseEvent {
}
