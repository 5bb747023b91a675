package jp.kasane.projections.caseload;

import jp.kasane.core.supportcase.Phase;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One open case of an agency's caseload (担当ケース一覧).
 *
 * @param issues        the case's issue codes that the agency's holding covers (an issue reveals its category)
 * @param leadAgencyId  the plan's 主担当, or the opening agency while there is no plan
 * @param nextReviewOn  the plan's review date, if a plan was adopted
 * @param openReferrals referrals of the case that are REQUESTED or ACCEPTED
 * @param lastContactAt when the latest contact with the case's persons took place (reached or not); null if none
 */
public record CaseloadItem(String caseId, Phase phase, List<String> issues, String leadAgencyId,
                           LocalDate nextReviewOn, long openReferrals, Instant lastContactAt) {

    public CaseloadItem {
        issues = List.copyOf(issues);
    }
}
