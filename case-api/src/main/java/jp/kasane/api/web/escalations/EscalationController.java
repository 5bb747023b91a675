package jp.kasane.api.web.escalations;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.kasane.api.web.support.QueryParameters;
import jp.kasane.api.web.support.QueryParameters.Paging;
import jp.kasane.core.access.Caller;
import jp.kasane.projections.Page;
import jp.kasane.projections.caseload.CaseloadQueries;
import jp.kasane.projections.caseload.CaseloadQueries.Escalation;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The coordinator's escalation list (多機関協働へのつなぎ): cases escalated to the caller's agency. */
@RestController
@RequestMapping("/api/v1/escalations")
@Tag(name = "Escalations", description = "多機関協働: cases escalated to the caller's coordinator agency")
public class EscalationController {

    private final CaseloadQueries queries;

    public EscalationController(CaseloadQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    @PreAuthorize("hasRole('COORDINATOR')")
    @Operation(summary = "Cases escalated to the caller's agency (COORDINATOR)", description = """
            `{caseId, openingAgencyId, escalatedAt, basis}`, newest first. `basis` is `CONSENT` while a consent in \
            force names the coordinator (it then holds the case and reads it), else `null`: the coordinator sees \
            nothing else of the case until it holds a basis, a consent or a 支援会議 it convenes with the case on the \
            agenda (where it reads under Art. 106-6 once it has acknowledged 守秘義務). Eventually consistent. \
            `size` 1 to 500, else 400 VALIDATION_FAILED.""")
    public Page<Escalation> escalations(
            @AuthenticationPrincipal Caller caller,
            @Parameter(description = "zero-based page", schema = @Schema(type = "integer", defaultValue = "0", minimum = "0"))
            @RequestParam(name = "page", required = false) String page,
            @Parameter(description = "page size", schema = @Schema(type = "integer", defaultValue = "50", minimum = "1", maximum = "500"))
            @RequestParam(name = "size", required = false) String size) {
        Paging paging = QueryParameters.paging(page, size);
        return queries.escalations(caller.agencyId(), paging.page(), paging.size());
    }
}
