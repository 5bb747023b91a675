package jp.kasane.api.web.agencies;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jp.kasane.core.agency.Agency;
import jp.kasane.core.agency.AgencyType;

/** Body of {@code POST /api/v1/agencies}. */
public record NewAgencyRequest(
        @Schema(description = "Registry slug: lower-case letters, digits and '-', 2 to 63 characters",
                example = "houkatsu-east")
        @NotNull @Pattern(regexp = ID_PATTERN, message = "must match " + ID_PATTERN) String id,
        @Schema(description = "Display name", example = "地域包括支援センター東")
        @NotBlank @Size(max = 200) String name,
        @Schema(description = "Agency type (DOMAIN.md)", implementation = AgencyType.class)
        @NotNull @AgencyTypeName String type) {

    public static final String ID_PATTERN = "^[a-z0-9][a-z0-9-]{1,62}$";

    Agency toAgency() {
        return new Agency(id, name.strip(), AgencyType.valueOf(type));
    }
}
