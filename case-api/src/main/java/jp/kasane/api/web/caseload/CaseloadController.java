package jp.kasane.api.web.caseload;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.kasane.api.web.support.QueryParameters;
import jp.kasane.api.web.support.QueryParameters.Paging;
import jp.kasane.core.access.Caller;
import jp.kasane.projections.Page;
import jp.kasane.projections.caseload.CaseloadItem;
import jp.kasane.projections.caseload.CaseloadQueries;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's agency's open cases (担当ケース一覧), from the caseload read model. */
@RestController
@RequestMapping("/api/v1/caseload")
@Tag(name = "Caseload", description = "担当ケース一覧: the open cases the caller's agency holds")
public class CaseloadController {

    private final CaseloadQueries queries;

    public CaseloadController(CaseloadQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    @PreAuthorize("hasRole('CASEWORKER')")
    @Operation(summary = "担当ケース一覧: the caller's agency's open cases (CASEWORKER)", description = """
            Every case that is not CLOSED and that the caller's agency holds on its own record, decided by the same \
            disclosure policy as a read of the case: it opened the case; holds an accepted referral (while what it \
            rests on holds); or is the 多機関協働 coordinator it was escalated to, has a role in the plan or is its \
            lead (主担当), or is an approved 参加支援 partner, while a consent in force names it. Most recently \
            changed first. `issues` lists only the issue codes the agency's holding lets it see, person by person: an \
            agency holding through a BASIC-only referral does not learn of MENTAL_HEALTH. \
            Eventually consistent: a change shows here shortly after it was recorded. \
            `size` 1 to 500, else 400 VALIDATION_FAILED.""")
    public Page<CaseloadItem> caseload(
            @AuthenticationPrincipal Caller caller,
            @Parameter(description = "zero-based page", schema = @Schema(type = "integer", defaultValue = "0", minimum = "0"))
            @RequestParam(name = "page", required = false) String page,
            @Parameter(description = "page size", schema = @Schema(type = "integer", defaultValue = "50", minimum = "1", maximum = "500"))
            @RequestParam(name = "size", required = false) String size) {
        Paging paging = QueryParameters.paging(page, size);
        return queries.caseload(caller.agencyId(), paging.page(), paging.size());
    }
}
