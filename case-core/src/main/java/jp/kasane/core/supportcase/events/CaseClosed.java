package jp.kasane.core.supportcase.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import jp.kasane.core.personaldata.Sealed;
import org.axonframework.serialization.Revision;

/** The case was closed (終結), by a meeting or by its lead agency / the coordinator. */
@JsonTypeName("kasane.CaseClosed")
@Revision("1")
public record CaseClosed(String caseId, String meetingId, String agencyId, Sealed reason, Sealed evaluation, List<String> aboutPersonIds) implements CaseEvent {
}
