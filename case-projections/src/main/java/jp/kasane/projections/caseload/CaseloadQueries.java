package jp.kasane.projections.caseload;

import jp.kasane.core.supportcase.Phase;
import jp.kasane.projections.Page;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static jp.kasane.projections.SqlValues.instant;
import static jp.kasane.projections.SqlValues.strings;
import static jp.kasane.projections.SqlValues.timestamp;

/**
 * Reads the caseload read model. Eventually consistent: a case shows up once the {@code caseload} processor has
 * handled its events (normally within a second). What each row says was decided by the domain when the row was
 * written; a query only picks the time segment in force now.
 */
@Component
public class CaseloadQueries {

    /** A holding is in force at {@code ?} (two parameters: the same instant twice). */
    private static final String IN_FORCE = "(h.valid_from is null or h.valid_from <= ?) and (h.valid_until is null or h.valid_until > ?)";

    /** One escalated case, as the coordinator's escalation list shows it. */
    public record Escalation(String caseId, String openingAgencyId, Instant escalatedAt, String basis) {
    }

    /** Who holds a case at an instant, and which issues each may see: what the caseload shows, per agency. */
    public record Holder(String agencyId, List<String> categories, List<String> issues) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    @Autowired
    public CaseloadQueries(JdbcTemplate jdbc, ObjectProvider<Clock> clock) {
        this(jdbc, clock.getIfUnique(Clock::systemUTC));
    }

    public CaseloadQueries(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The open cases ({@link Phase#isOpen}, as the projection wrote it on each holding) that {@code agencyId} holds now, most recently changed first, each
     * with only the issues its holding lets it see.
     *
     * @param page zero-based
     * @param size 1 to {@link Page#MAX_SIZE}
     */
    public Page<CaseloadItem> caseload(String agencyId, int page, int size) {
        Page.check(page, size);
        var now = timestamp(clock.instant());
        // From the agency's open holdings alone (an index-only scan): whether a case is open is on its holding rows.
        Long total = jdbc.queryForObject("select count(*) from caseload_holding h where h.agency_id = ? and h.case_open and "
                + IN_FORCE, Long.class, agencyId, now, now);
        if (total == null || total == 0) {
            return new Page<>(List.of(), page, size, 0);
        }
        List<CaseloadItem> items = jdbc.query("""
                select c.case_id, c.phase, h.issues, c.lead_agency_id, c.next_review_on, c.open_referrals,
                       c.last_contact_at
                  from caseload_holding h
                  join caseload_case c on c.case_id = h.case_id
                 where h.agency_id = ? and h.case_open and """ + IN_FORCE + """

                 order by c.updated_at desc, c.case_id
                 limit ? offset ?""",
                (rs, n) -> new CaseloadItem(rs.getString("case_id"), Phase.valueOf(rs.getString("phase")),
                        strings(rs, "issues"), rs.getString("lead_agency_id"),
                        rs.getObject("next_review_on", LocalDate.class), rs.getLong("open_referrals"),
                        instant(rs, "last_contact_at")),
                agencyId, now, now, size, Page.offset(page, size));
        return new Page<>(items, page, size, total);
    }

    /** Every agency that holds the case at {@code at}. */
    public List<Holder> holders(String caseId, Instant at) {
        var when = timestamp(at);
        return jdbc.query("select h.agency_id, h.categories, h.issues from caseload_holding h where h.case_id = ? and "
                        + IN_FORCE + " order by h.agency_id",
                (rs, n) -> new Holder(rs.getString("agency_id"), strings(rs, "categories"), strings(rs, "issues")),
                caseId, when, when);
    }

    /**
     * The cases escalated to {@code coordinatorAgencyId}, newest first. {@code basis} is CONSENT while the coordinator
     * holds the case (a consent in force names it), else null: it then sees nothing else of the case until it holds a
     * basis (a consent, or a 支援会議 it convenes with the case on the agenda).
     */
    public Page<Escalation> escalations(String coordinatorAgencyId, int page, int size) {
        Page.check(page, size);
        var now = timestamp(clock.instant());
        Long total = jdbc.queryForObject("select count(*) from caseload_escalation where coordinator_agency_id = ?",
                Long.class, coordinatorAgencyId);
        List<Escalation> items = jdbc.query("""
                select e.case_id, e.opening_agency_id, e.escalated_at,
                       exists (select 1 from caseload_holding h
                                where h.case_id = e.case_id and h.agency_id = e.coordinator_agency_id and """ + IN_FORCE + """
                              ) as held
                  from caseload_escalation e
                 where e.coordinator_agency_id = ?
                 order by e.escalated_at desc, e.case_id
                 limit ? offset ?""",
                (rs, n) -> new Escalation(rs.getString("case_id"), rs.getString("opening_agency_id"),
                        instant(rs, "escalated_at"), rs.getBoolean("held") ? "CONSENT" : null),
                now, now, coordinatorAgencyId, size, Page.offset(page, size));
        return new Page<>(items, page, size, total == null ? 0 : total);
    }
}
