package jp.kasane.api.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.kasane.api.web.support.CorrelationIdFilter;
import jp.kasane.core.access.AccessDecision;
import jp.kasane.core.access.Caller;
import jp.kasane.core.access.LegalBasis;
import jp.kasane.core.access.Purpose;
import jp.kasane.core.personaldata.Sealed;
import jp.kasane.projections.Page;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The disclosure ledger (提供記録): who saw which case, when, on which basis, for whom and in which categories. Each
 * answered read by anyone but the opening agency is one line, written in the read's own transaction
 * (docs/access-model.md "The ledger"), in table {@code disclosure_ledger} beside the case's stream.
 */
@Component
public class DisclosureLedger {

    /** One line, as auditors see it. {@code personIds} is null for lines recorded before disclosure was per person. */
    public record Line(long sequence, Instant at, String agencyId, String actor, LegalBasis basis, Purpose purpose,
                       List<String> categories, List<String> personIds, Map<String, List<String>> coverage,
                       Long caseVersion, boolean flaggedForReview, String correlationId) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public DisclosureLedger(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Writes one line in the caller's transaction; a VITAL_INTEREST line is flagged for review. */
    public void record(Caller caller, String caseId, AccessDecision decision, Purpose purpose, long caseVersion,
                       Sealed justification) {
        Map<String, List<String>> coverage = new TreeMap<>();
        decision.coverage().forEach((person, categories) ->
                coverage.put(person, categories.stream().map(Enum::name).sorted().toList()));
        jdbc.update("""
                        insert into disclosure_ledger (case_id, disclosed_at, agency_id, actor, basis, purpose, categories,
                                                       person_ids, coverage, case_version, justification,
                                                       flagged_for_review, correlation_id)
                        values (?, ?, ?, ?, ?, ?, ?::text[], ?::text[], ?::jsonb, ?, ?::jsonb, ?, ?)""",
                caseId, Timestamp.from(clock.instant()), caller.agencyId(), caller.actor(), decision.basis().name(),
                purpose.name(), names(decision.categories()), decision.personIds().toArray(String[]::new),
                write(coverage), caseVersion, justification == null ? null : write(justification),
                decision.basis() == LegalBasis.VITAL_INTEREST, MDC.get(CorrelationIdFilter.MDC_KEY));
    }

    /** A case's lines in the order they were written; with {@code asOf}, as the ledger stood then. */
    public Page<Line> lines(String caseId, Instant asOf, int page, int size) {
        Page.check(page, size);
        String where = " where case_id = ?" + (asOf == null ? "" : " and disclosed_at <= ?");
        List<Object> args = new ArrayList<>(List.of(caseId));
        if (asOf != null) {
            args.add(OffsetDateTime.ofInstant(asOf, ZoneOffset.UTC));
        }
        Long total = jdbc.queryForObject("select count(*) from disclosure_ledger" + where, Long.class, args.toArray());
        args.add(size);
        args.add(Page.offset(page, size));
        List<Line> items = jdbc.query("select * from disclosure_ledger" + where + " order by line_id limit ? offset ?",
                (rs, n) -> line(rs), args.toArray());
        return new Page<>(items, page, size, total == null ? 0 : total);
    }

    private Line line(ResultSet rs) throws SQLException {
        String coverage = rs.getString("coverage");
        return new Line(rs.getLong("line_id"), rs.getObject("disclosed_at", OffsetDateTime.class).toInstant(),
                rs.getString("agency_id"), rs.getString("actor"), LegalBasis.valueOf(rs.getString("basis")),
                Purpose.valueOf(rs.getString("purpose")), strings(rs.getArray("categories")),
                rs.getArray("person_ids") == null ? null : strings(rs.getArray("person_ids")),
                coverage == null ? null : read(coverage), (Long) rs.getObject("case_version"),
                rs.getBoolean("flagged_for_review"), rs.getString("correlation_id"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static String[] names(Set<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).sorted().toArray(String[]::new);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a ledger line", e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, List<String>> read(String coverage) {
        try {
            return json.readValue(coverage, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A ledger line's coverage is not JSON", e);
        }
    }
}
