package jp.kasane.api.web.meetings;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.meeting.DecisionType;
import jp.kasane.core.meeting.MeetingKind;

import java.time.LocalDate;
import java.util.List;

/** Request bodies of the meeting endpoints (API.md "Bodies"). */
public final class MeetingRequests {

    private MeetingRequests() {
    }

    public record Attendee(@NotBlank String agencyId, @Size(max = 64) String role) {
    }

    @Schema(description = "Convene a 重層的支援会議 (MULTILAYER_MEETING) or a 支援会議 (SUPPORT_MEETING)")
    public record Convene(@NotNull MeetingKind kind, @NotNull LocalDate heldOn,
                          @NotEmpty @Size(max = 50) List<@NotNull @Valid Attendee> attendees,
                          @NotEmpty @Size(max = 100) List<@NotBlank String> caseIds) {
    }

    public record Acknowledgement(@NotBlank String agencyId) {
    }

    public record Role(@NotBlank String agencyId, @NotBlank @Size(max = 2_000) String task) {
    }

    @Schema(description = "One decision; the fields it needs depend on its type (API.md)")
    public record Decision(@NotNull DecisionType type,
                           List<@NotBlank @Size(max = 2_000) String> goals,
                           List<@NotNull @Valid Role> roles,
                           String leadAgencyId,
                           LocalDate reviewOn,
                           String partnerAgencyId,
                           @Size(max = 10_000) String evaluation,
                           @Size(max = 2_000) String reason,
                           @Size(max = 2_000) String description,
                           String toAgencyId,
                           List<@NotNull InformationCategory> categories) {
    }

    public record Decisions(@NotBlank String caseId, @NotEmpty @Size(max = 20) List<@NotNull @Valid Decision> decisions) {
    }
}
