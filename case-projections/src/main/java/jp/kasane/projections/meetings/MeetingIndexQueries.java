package jp.kasane.projections.meetings;

import jp.kasane.core.meeting.MeetingKind;
import jp.kasane.projections.Page;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Reads the meeting index. Eventually consistent with the events ({@code meetings} processor). */
@Component
public class MeetingIndexQueries {

    private final JdbcTemplate jdbc;

    public MeetingIndexQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The ids of the meetings {@code agencyId} may read, held between {@code from} and {@code to} (inclusive, either
     * may be null) and of {@code kind} (null: both), latest first.
     *
     * @param page zero-based
     * @param size 1 to {@link Page#MAX_SIZE}
     */
    public Page<String> meetingIds(String agencyId, LocalDate from, LocalDate to, MeetingKind kind, int page, int size) {
        Page.check(page, size);
        StringBuilder where = new StringBuilder(" where ? = any(readers)");
        List<Object> args = new ArrayList<>(List.of(agencyId));
        if (from != null) {
            where.append(" and held_on >= ?");
            args.add(Date.valueOf(from));
        }
        if (to != null) {
            where.append(" and held_on <= ?");
            args.add(Date.valueOf(to));
        }
        if (kind != null) {
            where.append(" and kind = ?");
            args.add(kind.name());
        }
        Long total = jdbc.queryForObject("select count(*) from meeting_index" + where, Long.class, args.toArray());
        List<Object> paged = new ArrayList<>(args);
        paged.add(size);
        paged.add(Page.offset(page, size));
        List<String> ids = jdbc.queryForList("select meeting_id from meeting_index" + where
                + " order by held_on desc, meeting_id limit ? offset ?", String.class, paged.toArray());
        return new Page<>(ids, page, size, total == null ? 0 : total);
    }
}
