package jp.kasane.api.web.handoffs;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.kasane.api.web.support.QueryParameters;
import jp.kasane.api.web.support.QueryParameters.Paging;
import jp.kasane.core.access.Caller;
import jp.kasane.core.referral.ReferralStatus;
import jp.kasane.projections.Page;
import jp.kasane.projections.handoffs.HandoffFilter;
import jp.kasane.projections.handoffs.HandoffItem;
import jp.kasane.projections.handoffs.HandoffQueries;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The hand-off board (つなぎボード): referrals between agencies, their answers and what is overdue. */
@RestController
@RequestMapping("/api/v1/handoffs")
@Tag(name = "Hand-offs", description = "つなぎボード: referrals between agencies and their answers")
public class HandoffController {

    private final HandoffQueries queries;

    public HandoffController(HandoffQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('CASEWORKER', 'AUDITOR', 'ANALYST')")
    @Operation(summary = "つなぎボード: referrals (CASEWORKER: own agency's; AUDITOR, ANALYST: all)", description = """
            Referrals (つなぎ), newest request first. A CASEWORKER sees the referrals its agency sent or received; \
            AUDITOR and ANALYST see every referral. `overdue` is true for a referral still REQUESTED after its \
            answer due time (`dueAt`, counted in business days), worked out at the time of the request. \
            Filters combine: `status` (REQUESTED, ACCEPTED, DECLINED, WITHDRAWN, COMPLETED), `toAgencyId`, \
            `fromAgencyId`, `overdue` (true/false). Eventually consistent with the case's events. \
            An unknown status, or `size` outside 1 to 500, is a 400 VALIDATION_FAILED.""")
    public Page<HandoffItem> handoffs(
            @AuthenticationPrincipal Caller caller,
            @Parameter(description = "only referrals in this status", schema = @Schema(implementation = ReferralStatus.class))
            @RequestParam(name = "status", required = false) String status,
            @Parameter(description = "only referrals to this agency")
            @RequestParam(name = "toAgencyId", required = false) String toAgencyId,
            @Parameter(description = "only referrals from this agency")
            @RequestParam(name = "fromAgencyId", required = false) String fromAgencyId,
            @Parameter(description = "true: only overdue referrals; false: only those not overdue",
                    schema = @Schema(type = "boolean"))
            @RequestParam(name = "overdue", required = false) String overdue,
            @Parameter(description = "zero-based page", schema = @Schema(type = "integer", defaultValue = "0", minimum = "0"))
            @RequestParam(name = "page", required = false) String page,
            @Parameter(description = "page size", schema = @Schema(type = "integer", defaultValue = "50", minimum = "1", maximum = "500"))
            @RequestParam(name = "size", required = false) String size) {
        HandoffFilter filter = new HandoffFilter(QueryParameters.oneOf("status", status, ReferralStatus.class),
                QueryParameters.text(toAgencyId), QueryParameters.text(fromAgencyId), QueryParameters.bool("overdue", overdue));
        Paging paging = QueryParameters.paging(page, size);
        return queries.handoffs(caller, filter, paging.page(), paging.size());
    }
}
