package jp.kasane.core.supportcase.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import jp.kasane.core.personaldata.Sealed;
import jp.kasane.core.supportcase.CorrectableField;
import org.axonframework.serialization.Revision;

/**
 * A member's name or birth date was corrected (or recorded for the first time). The view shows the new value; the
 * earlier value stays in the events before this one, so the history keeps both.
 */
@JsonTypeName("kasane.PersonalDataCorrected")
@Revision("1")
public record PersonalDataCorrected(String caseId, String agencyId, String personId, CorrectableField field,
                                    Sealed value, Sealed reason) implements CaseEvent {
}
