package jp.kasane.api.web.statistics;

import jp.kasane.core.rules.RuleViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.kasane.core.access.Caller;
import jp.kasane.projections.statistics.StatisticsQueries;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** De-identified statistics for planners (計画策定), per Japanese fiscal year, from the statistics read model. */
@RestController
@RequestMapping("/api/v1/statistics")
@Tag(name = "Statistics", description = "年度統計: de-identified counts per fiscal year for planners (ANALYST)")
public class StatisticsController {

    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2100;

    private final StatisticsQueries queries;

    public StatisticsController(StatisticsQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/fiscal-years/{fy}")
    @PreAuthorize("hasRole('ANALYST')")
    @Operation(summary = "年度統計: counts of one fiscal year, no personal data (ANALYST)", description = """
            Fiscal year `fy` runs from April 1 of `fy` to March 31 of `fy`+1 in Asia/Tokyo (2026 = 令和8年度, \
            given as `label`). `newCases`: cases whose first consultation occurred in the year. `closedCases`: \
            cases closed (recorded) in the year. `openAtEnd`: cases opened by the year's end and not closed at \
            that moment (a reopened case counts as open). `byIssue`: for the cases opened in the year, how many \
            had each issue code raised by a consultation in the year; a count from 1 to 4 is answered as null and \
            its code listed in `suppressed` (small-cell suppression). `meetings`: meetings held in the year by kind, \
            and `decisions` of those meetings by type. `referrals`: referrals requested in the year, how many were \
            accepted, declined, withdrawn, completed, are unanswered past their due time (`overdueUnanswered`), and \
            the median hours to an answer (accept or decline). `resourceGaps`: 社会資源の不足 noted by meetings \
            held in the year. Counts only: never a case id, a person or an agency. Eventually consistent with the \
            events. `fy` outside 2000 to 2100 is a 400 VALIDATION_FAILED. See docs/statistics.md.""")
    public Map<String, Object> fiscalYear(
            @AuthenticationPrincipal Caller caller,
            @Parameter(description = "the fiscal year (年度), e.g. 2026 for 令和8年度 (2026-04-01 to 2027-03-31)")
            @PathVariable("fy") int fy) {
        if (fy < FIRST_YEAR || fy > LAST_YEAR) {
            throw RuleViolation.invalid("INVALID_PARAMETER", "fy", "must be a fiscal year between " + FIRST_YEAR + " and " + LAST_YEAR);
        }
        return queries.fiscalYear(fy);
    }
}
