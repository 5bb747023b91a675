package jp.kasane.core.meeting;

import jp.kasane.core.personaldata.Sealed;

import java.time.LocalDate;
import java.util.List;

/** The support plan (支援プラン) in force on a case, as the last ADOPT_PLAN decision set it; its goals and tasks are about {@code aboutPersonIds}. */
public record SupportPlan(String meetingId, List<Sealed> goals, List<PlanRole> roles, String leadAgencyId,
                          LocalDate reviewOn, List<String> aboutPersonIds) {

    public boolean assignsRoleTo(String agencyId) {
        return agencyId.equals(leadAgencyId) || roles.stream().anyMatch(r -> r.agencyId().equals(agencyId));
    }
}
