package jp.kasane.projections.caseload;

import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.supportcase.IssueCatalog;
import jp.kasane.core.supportcase.Phase;
import jp.kasane.projections.Page;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static jp.kasane.projections.SqlValues.strings;
import static jp.kasane.projections.SqlValues.timestamp;

/**
 * Reads the caseload read model. Eventually consistent: a case shows up once the {@code caseload} processor has
 * handled its events (normally within a second).
 */
@Component
public class CaseloadQueries {

    private final JdbcTemplate jdbc;
    private final IssueCatalog issueCatalog;
    private final Clock clock;

    /** The city's issue catalog and clock when the application defines them, else the standard ones. */
    @Autowired
    public CaseloadQueries(JdbcTemplate jdbc, ObjectProvider<IssueCatalog> issueCatalog, ObjectProvider<Clock> clock) {
        this(jdbc, issueCatalog.getIfUnique(IssueCatalog::standard), clock.getIfUnique(Clock::systemUTC));
    }

    public CaseloadQueries(JdbcTemplate jdbc, IssueCatalog issueCatalog, Clock clock) {
        this.jdbc = jdbc;
        this.issueCatalog = issueCatalog;
        this.clock = clock;
    }

    /**
     * The open cases (phase other than CLOSED) that {@code agencyId} holds on an OWN_RECORD basis, most recently
     * changed first. Each case lists only the issues whose information category the agency's holdings cover.
     *
     * @param page zero-based
     * @param size 1 to {@link Page#MAX_SIZE}
     */
    public Page<CaseloadItem> caseload(String agencyId, int page, int size) {
        Page.check(page, size);
        Instant now = clock.instant();
        long total = jdbc.queryForObject("""
                select count(distinct h.case_id)
                  from caseload_holder h
                  join caseload_case c on c.case_id = h.case_id
                 where h.agency_id = ? and (h.expires_at is null or h.expires_at > ?)
                   and cardinality(h.categories) > 0
                   and c.phase <> 'CLOSED'""",
                Long.class, agencyId, timestamp(now));
        if (total == 0) {
            return new Page<>(List.of(), page, size, 0);
        }
        List<CaseloadItem> items = jdbc.query("""
                select c.case_id, c.phase, c.issues, c.lead_agency_id, c.next_review_on, h.categories,
                       (select count(*) from caseload_referral r
                         where r.case_id = c.case_id and r.status in ('REQUESTED', 'ACCEPTED')) as open_referrals
                  from caseload_case c
                  join (select hh.case_id, array_agg(distinct cat.category) as categories
                          from caseload_holder hh
                          cross join lateral unnest(hh.categories) as cat(category)
                         where hh.agency_id = ? and (hh.expires_at is null or hh.expires_at > ?)
                         group by hh.case_id) h on h.case_id = c.case_id
                 where c.phase <> 'CLOSED'
                 order by c.updated_at desc, c.case_id
                 limit ? offset ?""",
                (rs, n) -> {
                    Set<InformationCategory> covered = categories(strings(rs, "categories"));
                    List<String> issues = strings(rs, "issues").stream()
                            .filter(code -> covered.contains(issueCatalog.categoryOf(code)))
                            .toList();
                    return new CaseloadItem(rs.getString("case_id"), Phase.valueOf(rs.getString("phase")), issues,
                            rs.getString("lead_agency_id"), rs.getObject("next_review_on", LocalDate.class),
                            rs.getLong("open_referrals"));
                },
                agencyId, timestamp(now), size, Page.offset(page, size));
        return new Page<>(items, page, size, total);
    }

    private static Set<InformationCategory> categories(List<String> names) {
        Set<InformationCategory> set = EnumSet.noneOf(InformationCategory.class);
        for (String name : names) {
            try {
                set.add(InformationCategory.valueOf(name));
            } catch (IllegalArgumentException unknown) {
                // a category this build does not know covers nothing it knows
            }
        }
        return set;
    }
}
