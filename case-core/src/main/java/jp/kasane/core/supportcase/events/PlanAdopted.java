package jp.kasane.core.supportcase.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.LocalDate;
import java.util.List;
import jp.kasane.core.meeting.PlanRole;
import jp.kasane.core.personaldata.Sealed;
import org.axonframework.serialization.Revision;

/** A meeting adopted or revised the support plan (支援プラン, 役割分担, 主担当). */
@JsonTypeName("kasane.PlanAdopted")
@Revision("1")
public record PlanAdopted(String caseId, String meetingId, List<Sealed> goals, List<PlanRole> roles, String leadAgencyId, LocalDate reviewOn, List<String> aboutPersonIds) implements CaseEvent {
}
