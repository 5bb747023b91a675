package jp.kasane.api.web.meetings;

import jp.kasane.api.web.support.RegisteredAgency;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.UniqueElements;
import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.meeting.DecisionType;
import jp.kasane.core.meeting.MeetingKind;

import java.time.LocalDate;
import java.util.List;

/** Request bodies of the meeting endpoints (API.md "Bodies"). */
public final class MeetingRequests {

    private MeetingRequests() {
    }

    public record Attendee(@NotBlank @RegisteredAgency String agencyId, @Size(max = 64) String role) {
    }

    @Schema(description = "Convene a 重層的支援会議 (MULTILAYER_MEETING) or a 支援会議 (SUPPORT_MEETING)")
    public record Convene(@NotNull MeetingKind kind,
                          @Schema(description = "between 30 days ago and 90 days ahead") @NotNull LocalDate heldOn,
                          @NotEmpty @Size(max = 50) @UniqueElements List<@NotNull @Valid Attendee> attendees,
                          @NotEmpty @Size(max = 100) @UniqueElements List<@NotBlank String> caseIds,
                          @Schema(description = "what the meeting will see of each case; a MULTILAYER_MEETING needs "
                                  + "consent in force for these categories (and purpose MULTILAYER_MEETING) covering every "
                                  + "attendee that does not hold the case; default [BASIC]")
                          @Size(max = 6) @UniqueElements List<@NotNull InformationCategory> categories) {
    }

    public record Acknowledgement(@NotBlank String agencyId) {
    }

    public record Role(@NotBlank @RegisteredAgency String agencyId, @NotBlank @Size(max = 2_000) String task) {
    }

    @Schema(description = "One decision; the fields it needs depend on its type (API.md)")
    public record Decision(@NotNull DecisionType type,
                           @Size(max = 20) List<@NotBlank @Size(max = 2_000) String> goals,
                           @Size(max = 30) List<@NotNull @Valid Role> roles,
                           @RegisteredAgency String leadAgencyId,
                           LocalDate reviewOn,
                           @RegisteredAgency String partnerAgencyId,
                           @Size(max = 10_000) String evaluation,
                           @Size(max = 2_000) String reason,
                           @Size(max = 2_000) String description,
                           @RegisteredAgency String toAgencyId,
                           @Size(max = 6) @UniqueElements List<@NotNull InformationCategory> categories,
                           @Schema(description = "SET_DIRECTION: the direction of support (方針)")
                           @Size(max = 10_000) String direction,
                           @Schema(description = "SET_DIRECTION: the person is watched over for now (見守り); default false")
                           Boolean watchOver,
                           @Schema(description = "SET_DIRECTION: who does what now")
                           @Size(max = 30) List<@NotNull @Valid Role> actions,
                           @Schema(description = "SET_DIRECTION: when the case is looked at again")
                           LocalDate nextReviewOn,
                           @Schema(description = "whom the decision's text is about; default: the case's SELF member")
                           @Size(max = 30) @UniqueElements List<@NotBlank String> aboutPersonIds) {
    }

    public record Decisions(@NotBlank String caseId, @NotEmpty @Size(max = 20) List<@NotNull @Valid Decision> decisions) {
    }
}
