package jp.kasane.projections.statistics;

import jp.kasane.core.supportcase.ContactMethod;
import jp.kasane.core.supportcase.ConsultedBy;
import jp.kasane.core.meeting.DecisionType;
import jp.kasane.core.meeting.MeetingKind;
import jp.kasane.core.supportcase.IssueCatalog;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static jp.kasane.projections.SqlValues.timestamp;

/**
 * Reads the statistics of one Japanese fiscal year (docs/statistics.md): counts only, never a case id, a person or
 * an agency. Eventually consistent with the events ({@code statistics} processor).
 *
 * <p>Small cells of {@code byIssue} (1 to {@value #SUPPRESS_UP_TO}) are answered as {@code null} and their keys
 * listed in {@code suppressed}, so that a rare issue in a small town does not point at one household.
 */
@Component
public class StatisticsQueries {

    /** The Japanese fiscal year runs from April 1 to March 31, in Japan's time. */
    public static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    /** Counts from 1 up to this value in {@code byIssue} are suppressed. */
    public static final int SUPPRESS_UP_TO = 4;

    /** One fiscal year: {@code [start, end)} as dates in Japan and as instants. */
    public record FiscalYear(int year, LocalDate firstDay, LocalDate lastDay) {

        public static FiscalYear of(int year) {
            return new FiscalYear(year, LocalDate.of(year, 4, 1), LocalDate.of(year + 1, 3, 31));
        }

        Timestamp start() {
            return timestamp(firstDay.atStartOfDay(JAPAN).toInstant());
        }

        Timestamp end() {
            return timestamp(lastDay.plusDays(1).atStartOfDay(JAPAN).toInstant());
        }

        /**
         * The year in 和暦: 令和 from FY2019 (令和元年度: the era began on 1 May 2019, within that fiscal year),
         * 平成 before it.
         */
        public String label() {
            if (year >= 2019) {
                return "令和" + era(year - 2018) + "年度";
            }
            if (year >= 1989) {
                return "平成" + era(year - 1988) + "年度";
            }
            return year + "年度";
        }

        private static String era(int n) {
            return n == 1 ? "元" : Integer.toString(n);
        }
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final IssueCatalog catalog;

    /** The application's clock and issue catalog when it defines them, else the system clock and the standard codes. */
    @Autowired
    public StatisticsQueries(JdbcTemplate jdbc, ObjectProvider<Clock> clock, ObjectProvider<IssueCatalog> catalog) {
        this(jdbc, clock.getIfUnique(Clock::systemUTC), catalog.getIfUnique(IssueCatalog::standard));
    }

    public StatisticsQueries(JdbcTemplate jdbc, Clock clock, IssueCatalog catalog) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.catalog = catalog;
    }

    /**
     * The statistics of fiscal year {@code fy} (April 1 fy to March 31 fy+1, Asia/Tokyo), as the JSON object of
     * {@code GET /api/v1/statistics/fiscal-years/{fy}}: {@code fiscalYear, label, from, to, newCases, closedCases,
     * openAtEnd, byIssue, suppressed, meetings, referrals, resourceGaps}.
     */
    public Map<String, Object> fiscalYear(int fy) {
        FiscalYear year = FiscalYear.of(fy);
        Timestamp start = year.start();
        Timestamp end = year.end();
        Date firstDay = Date.valueOf(year.firstDay());
        Date dayAfter = Date.valueOf(year.lastDay().plusDays(1));

        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("fiscalYear", fy);
        answer.put("label", year.label());
        answer.put("from", year.firstDay());
        answer.put("to", year.lastDay());
        answer.put("newCases", count("select count(*) from stats_case where opened_at >= ? and opened_at < ?", start, end));
        answer.put("closedCases", count("""
                select count(distinct case_id) from stats_case_change
                 where change = 'CLOSED' and recorded_at >= ? and recorded_at < ?""", start, end));
        answer.put("openAtEnd", count("""
                select count(*) from stats_case c
                 where c.opened_at < ?
                   and coalesce((select x.change from stats_case_change x
                                  where x.case_id = c.case_id and x.recorded_at < ?
                                  order by x.sequence_number desc limit 1), 'REOPENED') = 'REOPENED'""", end, end));

        Map<String, Long> issueCounts = new TreeMap<>();
        catalog.codes().forEach(code -> issueCounts.put(code, 0L));
        jdbc.query("""
                select i.issue, count(*) as cases
                  from stats_case_issue i join stats_case c on c.case_id = i.case_id
                 where c.opened_at >= ? and c.opened_at < ?
                   and i.first_seen_at >= ? and i.first_seen_at < ?
                 group by i.issue""",
                rs -> {
                    issueCounts.put(rs.getString("issue"), rs.getLong("cases"));
                }, start, end, start, end);
        Map<String, Long> byIssue = new LinkedHashMap<>();
        List<String> suppressed = new ArrayList<>();
        issueCounts.forEach((issue, n) -> {
            if (n >= 1 && n <= SUPPRESS_UP_TO) {
                byIssue.put(issue, null);
                suppressed.add(issue);
            } else {
                byIssue.put(issue, n);
            }
        });
        answer.put("byIssue", byIssue);
        answer.put("suppressed", suppressed);

        Map<String, Object> meetings = new LinkedHashMap<>();
        for (MeetingKind kind : MeetingKind.values()) {
            meetings.put(kind.name(), 0L);
        }
        jdbc.query("select kind, count(*) as n from stats_meeting where held_on >= ? and held_on < ? group by kind",
                rs -> {
                    meetings.put(rs.getString("kind"), rs.getLong("n"));
                }, firstDay, dayAfter);
        Map<String, Long> decisions = new LinkedHashMap<>();
        for (DecisionType type : DecisionType.values()) {
            decisions.put(type.name(), 0L);
        }
        jdbc.query("""
                select d.type, count(*) as n
                  from stats_decision d join stats_meeting m on m.meeting_id = d.meeting_id
                 where m.held_on >= ? and m.held_on < ?
                 group by d.type""",
                rs -> {
                    decisions.put(rs.getString("type"), rs.getLong("n"));
                }, firstDay, dayAfter);
        meetings.put("decisions", decisions);
        answer.put("meetings", meetings);

        answer.put("consultations", consultations(start, end));
        answer.put("contacts", contacts(start, end));
        answer.put("referrals", referrals(start, end));
        answer.put("resourceGaps", count("""
                select count(*)
                  from stats_resource_gap g left join stats_meeting m on m.meeting_id = g.meeting_id
                 where coalesce(m.held_on, (g.recorded_at at time zone 'Asia/Tokyo')::date) >= ?
                   and coalesce(m.held_on, (g.recorded_at at time zone 'Asia/Tokyo')::date) < ?""",
                firstDay, dayAfter));
        return answer;
    }

    /**
     * Consultations that occurred in the year, and by whom they were brought (相談者). A count from 1 to
     * {@link #SUPPRESS_UP_TO} of one kind is answered as null: "one consultation brought by a neighbour" can point at
     * a household in a small town.
     */
    private Map<String, Object> consultations(Timestamp start, Timestamp end) {
        Map<String, Long> byWhom = new LinkedHashMap<>();
        for (ConsultedBy who : ConsultedBy.values()) {
            byWhom.put(who.name(), 0L);
        }
        byWhom.put("UNKNOWN", 0L);
        jdbc.query("""
                select consulted_by, count(*) as n from stats_consultation
                 where occurred_at >= ? and occurred_at < ? group by consulted_by""",
                rs -> {
                    byWhom.put(rs.getString("consulted_by"), rs.getLong("n"));
                }, start, end);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", byWhom.values().stream().mapToLong(Long::longValue).sum());
        Map<String, Long> shown = new LinkedHashMap<>();
        byWhom.forEach((who, n) -> shown.put(who, suppressed(n)));
        answer.put("byConsultedBy", shown);
        return answer;
    }

    /** Contacts that took place in the year, per method: {total, reached}, each suppressed from 1 to 4. */
    private Map<String, Object> contacts(Timestamp start, Timestamp end) {
        Map<String, long[]> byMethod = new LinkedHashMap<>();
        for (ContactMethod method : ContactMethod.values()) {
            byMethod.put(method.name(), new long[2]);
        }
        jdbc.query("""
                select method, count(*) as n, count(*) filter (where reached) as reached from stats_contact
                 where occurred_at >= ? and occurred_at < ? group by method""",
                rs -> {
                    byMethod.put(rs.getString("method"), new long[]{rs.getLong("n"), rs.getLong("reached")});
                }, start, end);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", byMethod.values().stream().mapToLong(n -> n[0]).sum());
        answer.put("reached", byMethod.values().stream().mapToLong(n -> n[1]).sum());
        Map<String, Object> methods = new LinkedHashMap<>();
        byMethod.forEach((method, n) -> {
            Map<String, Long> cell = new LinkedHashMap<>();
            cell.put("total", suppressed(n[0]));
            cell.put("reached", suppressed(n[1]));
            methods.put(method, cell);
        });
        answer.put("byMethod", methods);
        return answer;
    }

    /** A count as answered: null from 1 to {@link #SUPPRESS_UP_TO}, else the count. */
    private static Long suppressed(long n) {
        return n >= 1 && n <= SUPPRESS_UP_TO ? null : n;
    }

    private Map<String, Object> referrals(Timestamp start, Timestamp end) {
        Timestamp now = timestamp(clock.instant());
        return jdbc.queryForObject("""
                select count(*) as requested,
                       count(*) filter (where answer = 'ACCEPTED') as accepted,
                       count(*) filter (where answer = 'DECLINED') as declined,
                       count(*) filter (where answer = 'WITHDRAWN') as withdrawn,
                       count(*) filter (where completed_at is not null) as completed,
                       count(*) filter (where answer is null and due_at < ?) as overdue_unanswered,
                       percentile_cont(0.5) within group
                           (order by extract(epoch from (answered_at - requested_at)) / 3600.0)
                           filter (where answer in ('ACCEPTED', 'DECLINED')) as median_answer_hours
                  from stats_referral
                 where requested_at >= ? and requested_at < ?""",
                (rs, n) -> {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("requested", rs.getLong("requested"));
                    r.put("accepted", rs.getLong("accepted"));
                    r.put("declined", rs.getLong("declined"));
                    r.put("withdrawn", rs.getLong("withdrawn"));
                    r.put("completed", rs.getLong("completed"));
                    r.put("overdueUnanswered", rs.getLong("overdue_unanswered"));
                    double median = rs.getDouble("median_answer_hours");
                    r.put("medianAnswerHours", rs.wasNull() ? null
                            : BigDecimal.valueOf(median).setScale(1, RoundingMode.HALF_UP));
                    return r;
                }, now, start, end);
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }
}
