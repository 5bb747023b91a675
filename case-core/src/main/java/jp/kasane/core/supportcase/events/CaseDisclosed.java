package jp.kasane.core.supportcase.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.Set;
import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.access.LegalBasis;
import jp.kasane.core.access.Purpose;
import jp.kasane.core.personaldata.Sealed;
import org.axonframework.serialization.Revision;

/**
 * The case was read by someone outside the agency that opened it: a ledger line as recorded before the ledger moved
 * out of the case stream into its own table ({@code disclosure_ledger}, docs/access-model.md). Kept so that those
 * old events still read; nothing records it any more, and it changes nothing on the case.
 */
@JsonTypeName("kasane.CaseDisclosed")
@Revision("1")
public record CaseDisclosed(String caseId, String agencyId, String actor, LegalBasis basis, Set<InformationCategory> categories, Purpose purpose, Sealed justification, boolean flaggedForReview) implements CaseEvent {
}
