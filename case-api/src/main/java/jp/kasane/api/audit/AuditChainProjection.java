package jp.kasane.api.audit;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import jp.kasane.projections.Savepoint;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes the audit hash chain ({@code audit_chain}, docs/audit.md): for every stored domain event, the hash of its
 * {@code domainevententry} row exactly as stored, linked to the hash of the previous event of the same stream.
 *
 * <p>A tracking processor (application.yml, {@code audit-chain}) with Axon's default per-aggregate sequencing,
 * so a stream's events arrive here in order; streams are independent, so appends to different cases never contend.
 * Idempotent: a re-delivered event computes the same hash and {@code ON CONFLICT DO NOTHING} keeps the first row.
 * Should a predecessor be missing (its handling failed and was skipped), it is chained first from the stored rows,
 * so the chain never has a hole. Nothing else reads or writes through this group; the case view never depends on it.
 */
@Component
@ProcessingGroup(AuditChainProjection.PROCESSING_GROUP)
public class AuditChainProjection {

    public static final String PROCESSING_GROUP = "audit-chain";

    private static final Logger log = LoggerFactory.getLogger(AuditChainProjection.class);

    /** The columns of a {@code domainevententry} row the hash covers, as {@link #storedEvent(ResultSet)} reads them. */
    static final String STORED_EVENT_COLUMNS = "d.globalindex, d.aggregateidentifier, d.sequencenumber, "
            + "d.eventidentifier, d.payloadtype, d.payloadrevision, d.timestamp, d.payload, d.metadata";

    private record Row(long globalIndex, HashChain.StoredEvent event) {
    }

    private final JdbcTemplate jdbc;
    private final Savepoint savepoint;

    public AuditChainProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.savepoint = new Savepoint(jdbc);
    }

    /** Events without a savepoint while all goes well; after a failure one by one, each in its own (see {@link Savepoint}). */
    @MessageHandlerInterceptor(messageType = EventMessage.class)
    public Object inSavepoint(InterceptorChain chain) throws Exception {
        return savepoint.around(chain);
    }

    /** Every event of every type: the chain covers the whole store. Events not of an aggregate are not chained. */
    @EventHandler
    public void on(Object payload, EventMessage<?> message) {
        if (!(message instanceof DomainEventMessage<?> domain) || domain.getType() == null) {
            return;
        }
        List<Row> rows = jdbc.query("SELECT " + STORED_EVENT_COLUMNS
                + " FROM domainevententry d WHERE d.eventidentifier = ?", AuditChainProjection::row, message.getIdentifier());
        if (rows.isEmpty()) {
            log.warn("Audit chain: event {} is not in the event store; not chained", message.getIdentifier());
            return;
        }
        Row row = rows.get(0);
        String previous = null;
        long sequence = row.event().sequenceNumber();
        if (sequence > 0) {
            previous = hashOf(row.event().aggregateIdentifier(), sequence - 1);
            if (previous == null) {
                previous = catchUp(row.event().aggregateIdentifier(), sequence - 1);
            }
        }
        insert(row, previous);
    }

    /** Chains the unchained events of a stream up to {@code upTo}, in order; answers the hash of {@code upTo}. */
    private String catchUp(String aggregateIdentifier, long upTo) {
        List<Long> chained = jdbc.queryForList("SELECT max(sequence_number) FROM audit_chain "
                + "WHERE aggregate_identifier = ? AND sequence_number <= ?", Long.class, aggregateIdentifier, upTo);
        long from = chained.isEmpty() || chained.get(0) == null ? -1 : chained.get(0);
        String previous = from < 0 ? null : hashOf(aggregateIdentifier, from);
        List<Row> missing = jdbc.query("SELECT " + STORED_EVENT_COLUMNS + " FROM domainevententry d "
                        + "WHERE d.aggregateidentifier = ? AND d.sequencenumber > ? AND d.sequencenumber <= ? "
                        + "ORDER BY d.sequencenumber",
                AuditChainProjection::row, aggregateIdentifier, from, upTo);
        log.info("Audit chain: chaining {} earlier event(s) of a stream that were not chained yet", missing.size());
        for (Row row : missing) {
            previous = insert(row, previous);
        }
        return previous;
    }

    private String insert(Row row, String previous) {
        String hash = HashChain.hash(previous, row.event());
        int inserted = jdbc.update("INSERT INTO audit_chain "
                        + "(global_index, aggregate_identifier, sequence_number, hash, previous_hash) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                row.globalIndex(), row.event().aggregateIdentifier(), row.event().sequenceNumber(), hash, previous);
        if (inserted == 1) {
            return hash;
        }
        // Chained before (a re-delivery): the stored hash is the one the next link must use.
        String stored = hashOf(row.event().aggregateIdentifier(), row.event().sequenceNumber());
        return stored != null ? stored : hash;
    }

    private String hashOf(String aggregateIdentifier, long sequence) {
        List<String> hashes = jdbc.queryForList("SELECT hash FROM audit_chain WHERE aggregate_identifier = ? "
                + "AND sequence_number = ?", String.class, aggregateIdentifier, sequence);
        return hashes.isEmpty() ? null : hashes.get(0);
    }

    private static Row row(ResultSet rs, int rowNum) throws SQLException {
        return new Row(rs.getLong("globalindex"), storedEvent(rs));
    }

    /** The hashed columns of a row selected with {@link #STORED_EVENT_COLUMNS}. */
    static HashChain.StoredEvent storedEvent(ResultSet rs) throws SQLException {
        return new HashChain.StoredEvent(rs.getString("aggregateidentifier"), rs.getLong("sequencenumber"),
                rs.getString("eventidentifier"), rs.getString("payloadtype"), rs.getString("payloadrevision"),
                rs.getString("timestamp"), rs.getBytes("payload"), rs.getBytes("metadata"));
    }
}
