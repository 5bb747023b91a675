package jp.kasane.api.web.cases;

import jp.kasane.api.web.support.NotBlankWhenGiven;
import jp.kasane.api.web.support.BirthYear;
import jp.kasane.api.web.support.RegisteredAgency;
import jp.kasane.api.web.support.BirthDate;
import jp.kasane.api.web.support.CorrectedValue;
import jp.kasane.api.web.support.Occurred;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.UniqueElements;
import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.access.Purpose;
import jp.kasane.core.agency.AgencyType;
import jp.kasane.core.consent.ConsentCapacity;
import jp.kasane.core.consent.ConsentEvidence;
import jp.kasane.core.referral.ReferralBasis;
import jp.kasane.core.supportcase.Channel;
import jp.kasane.core.supportcase.ConsultedBy;
import jp.kasane.core.supportcase.ContactMethod;
import jp.kasane.core.supportcase.CorrectableField;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Request bodies of the case endpoints (API.md "Bodies"). */
public final class CaseRequests {

    static final String ABOUT = "the persons (household members' personIds) the text is about; default: the case's "
            + "SELF member. A reader sees the text only when its basis covers every one of them";

    static final String CONSULTED_BY = "who brought the consultation (相談者): SELF 本人, FAMILY 家族, NEIGHBOUR 近隣, "
            + "COMMISSIONER 民生委員, AGENCY 関係機関, OTHER; omitted when not known";

    private CaseRequests() {
    }

    @Schema(description = "Open a case from a first consultation (受付)")
    public record OpenCase(
            @NotNull @Occurred Instant occurredAt,
            @NotNull Channel channel,
            @Schema(description = CONSULTED_BY) ConsultedBy consultedBy,
            @NotBlank @Size(max = 10_000) String summary,
            @Size(max = 30) @UniqueElements List<@NotBlank String> issues,
            @Schema(description = "What the summary holds; default [NOTES]") @Size(max = 6) @UniqueElements List<@NotNull InformationCategory> categories,
            @NotNull @Valid Household household) {
    }

    public record Household(@NotEmpty @Size(max = 30) List<@NotNull @Valid Member> members) {
    }

    @Schema(description = "A household member; name and birth date may be unknown at first contact, and birthYear "
            + "may stand for an approximate age instead of the birth date")
    public record Member(
            @Schema(description = "omitted when not known yet; the person is then shown as unknown")
            @NotBlankWhenGiven @Size(max = 200) String name,
            @BirthDate LocalDate birthDate,
            @Schema(description = "an approximate year of birth, only when the birth date is not known", example = "1950")
            @BirthYear Integer birthYear,
            @NotBlank @Pattern(regexp = "[A-Z_]{1,32}", message = "must be an upper-case code such as SELF, CHILD, PARENT")
            String relationship) {
    }

    @Schema(description = "A consultation (相談)")
    public record Consultation(
            @NotNull @Occurred Instant occurredAt,
            @NotNull Channel channel,
            @Schema(description = CONSULTED_BY) ConsultedBy consultedBy,
            @NotBlank @Size(max = 10_000) String summary,
            @Size(max = 30) @UniqueElements List<@NotBlank String> issues,
            @Size(max = 6) @UniqueElements List<@NotNull InformationCategory> categories,
            @Schema(description = ABOUT) @Size(max = 30) @UniqueElements List<@NotBlank String> aboutPersonIds) {
    }

    @Schema(description = "A correction (訂正) of a member's name or birth date, or the name of a person first recorded "
            + "without one; the view shows the new value and the history keeps both")
    @CorrectedValue
    public record Correction(
            @Schema(description = "name or birthDate") @NotNull CorrectableField field,
            @Schema(description = "the new value: what the member's field accepts (a name; a birth date yyyy-MM-dd)")
            @NotNull String value,
            @Schema(description = "why (1 to 2,000 characters), sealed under the person's key with the value")
            @NotBlank @Size(max = 2_000) String reason) {
    }

    @Schema(description = "A member left the household (転居, 死亡): why, and on which day")
    public record Departure(@NotNull jp.kasane.core.supportcase.Departure.Reason reason,
                            @Schema(description = "not after today in Japan") @NotNull LocalDate on) {
    }

    @Schema(description = "A contact (訪問, 電話, アウトリーチ, 同行), reached or not")
    public record Contact(
            @NotNull @Occurred Instant occurredAt,
            @NotNull ContactMethod method,
            @Schema(description = "whether the person was reached (会えた・話せた)") @NotNull Boolean reached,
            @Schema(description = "agencies that went along (同行); going along gives them no access to the case")
            @Size(max = 10) @UniqueElements List<@NotBlank @RegisteredAgency String> accompaniedAgencyIds,
            @Schema(description = "what happened; optional (a visit nobody answered needs no text)")
            @NotBlankWhenGiven @Size(max = 10_000) String summary,
            @Schema(description = ABOUT) @Size(max = 30) @UniqueElements List<@NotBlank String> aboutPersonIds) {
    }

    @Schema(description = "An assessment (アセスメント) or a monitoring note (モニタリング)")
    public record Note(@NotNull @Occurred Instant occurredAt, @NotBlank @Size(max = 10_000) String summary,
                       @Schema(description = ABOUT) @Size(max = 30) @UniqueElements List<@NotBlank String> aboutPersonIds) {
    }

    public record GivenBy(@NotBlank String personId, @NotNull ConsentCapacity capacity) {
    }

    @Schema(description = "How the consent was obtained (同意の記録)")
    public record Evidence(@NotNull ConsentEvidence.Form form,
                           @Schema(description = "the document or record that holds it, e.g. 同意書 R8-0123 (sealed)")
                           @Size(max = 200) String reference,
                           @Schema(description = "not after today in Japan") @NotNull LocalDate obtainedOn) {
    }

    @Schema(description = "Consent (本人同意): who gave it, in which capacity, about whom, and its scope")
    public record Consent(
            @NotNull @Valid GivenBy givenBy,
            @Schema(description = "the data subjects it covers; default: the giver. SELF covers only the giver, PARENT "
                    + "only the giver's minor children in the household, GUARDIAN only the ward")
            @Size(max = 30) @UniqueElements List<@NotBlank String> aboutPersonIds,
            @Size(max = 100) @UniqueElements List<@NotBlank @RegisteredAgency String> agencyIds,
            @Size(max = 20) @UniqueElements List<@NotNull AgencyType> agencyTypes,
            @NotEmpty @Size(max = 10) @UniqueElements List<@NotNull Purpose> purposes,
            @NotEmpty @Size(max = 6) @UniqueElements List<@NotNull InformationCategory> categories,
            @NotNull LocalDate validUntil,
            @Valid Evidence evidence) {
    }

    @Schema(description = "Narrow a consent (同意範囲の縮小): each field given replaces the consent's and must lie within it")
    public record Narrowing(
            @Size(max = 30) @UniqueElements List<@NotBlank String> aboutPersonIds,
            @Size(max = 100) @UniqueElements List<@NotBlank String> agencyIds,
            @Size(max = 20) @UniqueElements List<@NotNull AgencyType> agencyTypes,
            @Size(max = 10) @UniqueElements List<@NotNull Purpose> purposes,
            @Size(max = 6) @UniqueElements List<@NotNull InformationCategory> categories,
            LocalDate validUntil) {
    }

    @Schema(description = "Optional reason of a withdrawal (consent or referral)")
    public record Withdrawal(@Size(max = 2_000) String reason) {
    }

    @Schema(description = "A referral (つなぎ)")
    public record Referral(
            @NotBlank @RegisteredAgency String toAgencyId,
            @NotBlank @Size(max = 2_000) String reason,
            @NotNull ReferralBasis basis,
            @Schema(description = "Information categories shared with the receiver; default [BASIC]")
            @Size(max = 6) @UniqueElements List<@NotNull InformationCategory> categories,
            @Schema(description = ABOUT) @Size(max = 30) @UniqueElements List<@NotBlank String> aboutPersonIds) {
    }

    public record Decline(@NotBlank @Size(max = 2_000) String reason) {
    }

    @Schema(description = "Escalation to 多機関協働; the coordinator defaults to the city's")
    public record Escalation(@RegisteredAgency String coordinatorAgencyId, @Size(max = 2_000) String reason) {
    }

    @Schema(description = "Closure (終結): both a reason and an evaluation are required")
    public record Closure(@NotBlank @Size(max = 2_000) String reason, @NotBlank @Size(max = 10_000) String evaluation,
                          @Schema(description = ABOUT) @Size(max = 30) @UniqueElements List<@NotBlank String> aboutPersonIds) {
    }

    @Schema(description = "A read under the APPI vital-interest exception; flagged for review")
    public record VitalInterestRead(
            @NotBlank @Size(min = 20, max = 2_000, message = "must explain the risk in 20 to 2000 characters")
            String justification) {
    }
}
