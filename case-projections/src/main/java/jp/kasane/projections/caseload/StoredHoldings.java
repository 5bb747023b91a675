package jp.kasane.projections.caseload;

import jp.kasane.projections.BatchReads;
import jp.kasane.projections.SqlValues;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The holding rows the caseload table has for some cases, read in the batch's own transaction, so that a case whose
 * holdings an event leaves as they were (most consultations) is not deleted and inserted again: its rows are compared
 * with the ones its new state gives, and only a difference is written. One read replaces a delete and an insert, and
 * the rows, their three indexes and the WAL are left alone (docs/benchmarks.md).
 */
final class StoredHoldings {

    /** One row as compared; times to the microsecond, as PostgreSQL keeps them. */
    private record Row(String agencyId, int segment, Instant from, Instant until, List<String> categories,
                       List<String> issues, boolean caseOpen) {
    }

    private final Map<String, Set<Row>> byCase;

    private StoredHoldings(Map<String, Set<Row>> byCase) {
        this.byCase = byCase;
    }

    static StoredHoldings of(JdbcTemplate jdbc, Collection<String> caseIds) {
        Map<String, Set<Row>> byCase = new HashMap<>();
        if (caseIds.isEmpty()) {
            return new StoredHoldings(byCase); // a replayed batch's cases only: nothing to ask
        }
        BatchReads.query(jdbc, """
                select case_id, agency_id, segment, valid_from, valid_until, categories, issues, case_open
                  from caseload_holding where case_id = any(?::text[])""", rs -> {
            byCase.computeIfAbsent(rs.getString("case_id"), id -> new HashSet<>()).add(new Row(
                    rs.getString("agency_id"), rs.getInt("segment"), micros(SqlValues.instant(rs, "valid_from")),
                    micros(SqlValues.instant(rs, "valid_until")), SqlValues.strings(rs, "categories"),
                    SqlValues.strings(rs, "issues"), rs.getBoolean("case_open")));
        }, (Object) caseIds.toArray(String[]::new));
        return new StoredHoldings(byCase);
    }

    /** Whether the table has any row for the case (else there is nothing to delete). */
    boolean has(String caseId) {
        return byCase.containsKey(caseId);
    }

    /**
     * Whether the table has exactly these rows for the case, as {@code CaseloadProjection} writes them: case, agency,
     * segment, valid from, valid until, categories, issues, case open.
     */
    boolean holdsExactly(String caseId, List<Object[]> rows) {
        Set<Row> given = new HashSet<>();
        for (Object[] row : rows) {
            given.add(new Row((String) row[1], (Integer) row[2], micros((Timestamp) row[3]), micros((Timestamp) row[4]),
                    List.of((String[]) row[5]), List.of((String[]) row[6]), (Boolean) row[7]));
        }
        return given.size() == rows.size() && given.equals(byCase.getOrDefault(caseId, Set.of()));
    }

    private static Instant micros(Timestamp timestamp) {
        return timestamp == null ? null : micros(timestamp.toInstant());
    }

    private static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }
}
