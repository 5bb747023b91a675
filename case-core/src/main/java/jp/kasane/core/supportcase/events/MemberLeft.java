package jp.kasane.core.supportcase.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import jp.kasane.core.supportcase.Departure;
import org.axonframework.serialization.Revision;

/** A member left the household (moved out, died); they stay in the history. */
@JsonTypeName("kasane.MemberLeft")
@Revision("1")
public record MemberLeft(String caseId, String agencyId, String personId, Departure departure) implements CaseEvent {
}
