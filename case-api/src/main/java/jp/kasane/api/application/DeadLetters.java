package jp.kasane.api.application;

import jp.kasane.core.rules.RuleViolation;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The projections' dead letters (docs/projections.md "Dead letters"): events a processor could not handle, parked in
 * Axon's JDBC dead-letter queue (table {@code deadletterentry}) with every later event of the same case behind them,
 * while other cases go on. Operators list them and retry one once the cause is fixed.
 */
@Service
public class DeadLetters {

    /** One parked event, as an operator sees it: no payload, so no personal data. */
    public record Letter(String id, String projection, String caseId, String eventType, Long sequence, String error,
                         String failedAt) {
    }

    /** The answer to a retry: whether the letter's sequence was handled now, and how many letters remain. */
    public record Retry(String id, boolean handled, long remaining) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectProvider<EventProcessingConfiguration> processing;

    public DeadLetters(JdbcTemplate jdbc, ObjectProvider<EventProcessingConfiguration> processing) {
        this.jdbc = jdbc;
        this.processing = processing;
    }

    public List<Letter> all() {
        return jdbc.query("""
                select deadletteridentifier, processinggroup, aggregateidentifier, payloadtype, sequencenumber,
                       causetype, causemessage, enqueuedat
                from deadletterentry order by enqueuedat, processinggroup, sequenceidentifier, sequenceindex""",
                (rs, i) -> new Letter(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        (Long) rs.getObject(5), error(rs.getString(6), rs.getString(7)), rs.getString(8)));
    }

    /** Dead letters per projection (processing group), for health details and the metric. */
    public Map<String, Long> countsByProjection() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.query("select processinggroup, count(*) from deadletterentry group by processinggroup",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    /** Hands the letter's sequence to its processor again; a letter that fails again stays, with its new cause. */
    public Retry retry(String id) {
        List<String> groups = jdbc.queryForList("select processinggroup from deadletterentry where deadletteridentifier = ?",
                String.class, id);
        if (groups.isEmpty()) {
            throw new RuleViolation(RuleViolation.Kind.NOT_FOUND, "NOT_FOUND", "No such dead letter");
        }
        EventProcessingConfiguration configuration = processing.getObject();
        boolean handled = configuration.sequencedDeadLetterProcessor(groups.get(0))
                .map(p -> p.process(letter -> letter instanceof JdbcDeadLetter<?> jdbcLetter
                        && jdbcLetter.getIdentifier().equals(id)))
                .orElse(false);
        Long remaining = jdbc.queryForObject("select count(*) from deadletterentry", Long.class);
        return new Retry(id, handled, remaining == null ? 0 : remaining);
    }

    private static String error(String type, String message) {
        if (type == null) {
            return null;
        }
        return message == null ? type : type + ": " + message;
    }
}
