package jp.kasane.projections.handoffs;

import jp.kasane.core.access.Caller;
import jp.kasane.core.access.Role;
import jp.kasane.core.referral.ReferralStatus;
import jp.kasane.projections.Page;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static jp.kasane.projections.SqlValues.instant;
import static jp.kasane.projections.SqlValues.timestamp;

/**
 * Reads the hand-off board. Eventually consistent with the events ({@code handoffs} processor); {@code overdue} is
 * worked out at query time, so a referral becomes overdue without any event.
 */
@Component
public class HandoffQueries {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    /** The application's clock when it defines one, else the system clock (UTC). */
    @Autowired
    public HandoffQueries(JdbcTemplate jdbc, ObjectProvider<Clock> clock) {
        this(jdbc, clock.getIfUnique(Clock::systemUTC));
    }

    public HandoffQueries(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Referrals matching {@code filter}, newest request first. AUDITOR and ANALYST see every referral; any other
     * caller (a CASEWORKER) only those sent from or to its own agency.
     *
     * @param page zero-based
     * @param size 1 to {@link Page#MAX_SIZE}
     */
    public Page<HandoffItem> handoffs(Caller caller, HandoffFilter filter, int page, int size) {
        Page.check(page, size);
        Timestamp now = timestamp(clock.instant());
        StringBuilder where = new StringBuilder(" where true");
        List<Object> args = new ArrayList<>();
        if (!seesAll(caller)) {
            where.append(" and (h.from_agency_id = ? or h.to_agency_id = ?)");
            args.add(caller.agencyId());
            args.add(caller.agencyId());
        }
        if (filter.status() != null) {
            where.append(" and h.status = ?");
            args.add(filter.status().name());
        }
        if (filter.toAgencyId() != null) {
            where.append(" and h.to_agency_id = ?");
            args.add(filter.toAgencyId());
        }
        if (filter.fromAgencyId() != null) {
            where.append(" and h.from_agency_id = ?");
            args.add(filter.fromAgencyId());
        }
        if (filter.overdue() != null) {
            where.append(filter.overdue()
                    ? " and (h.status = 'REQUESTED' and h.due_at < ?)"
                    : " and not (h.status = 'REQUESTED' and h.due_at < ?)");
            args.add(now);
        }
        long total = jdbc.queryForObject("select count(*) from handoff h" + where, Long.class, args.toArray());
        if (total == 0) {
            return new Page<>(List.of(), page, size, 0);
        }
        List<Object> pageArgs = new ArrayList<>();
        pageArgs.add(now);
        pageArgs.addAll(args);
        pageArgs.add(size);
        pageArgs.add(Page.offset(page, size));
        List<HandoffItem> items = jdbc.query("""
                select h.referral_id, h.case_id, h.from_agency_id, h.to_agency_id, h.status,
                       h.requested_at, h.answered_at, h.due_at,
                       (h.status = 'REQUESTED' and h.due_at < ?) as overdue
                  from handoff h""" + where + """

                 order by h.requested_at desc, h.referral_id
                 limit ? offset ?""",
                (rs, n) -> new HandoffItem(rs.getString("referral_id"), rs.getString("case_id"),
                        rs.getString("from_agency_id"), rs.getString("to_agency_id"),
                        ReferralStatus.valueOf(rs.getString("status")), instant(rs, "requested_at"),
                        instant(rs, "answered_at"), instant(rs, "due_at"), rs.getBoolean("overdue")),
                pageArgs.toArray());
        return new Page<>(items, page, size, total);
    }

    private static boolean seesAll(Caller caller) {
        return caller.has(Role.AUDITOR) || caller.has(Role.ANALYST);
    }
}
