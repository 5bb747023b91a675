package jp.kasane.api.audit;

import jp.kasane.projections.BatchReads;
import jp.kasane.projections.BatchedProjection;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the audit hash chain ({@code audit_chain}, docs/audit.md): for every stored domain event, the hash of its
 * {@code domainevententry} row exactly as stored, linked to the hash of the previous event of the same stream.
 *
 * <p>A tracking processor (application.yml, {@code audit-chain}) with Axon's default per-aggregate sequencing,
 * so a stream's events arrive here in order; streams are independent, so appends to different cases never contend.
 * A batch's events are chained together when it commits (three statements, not three per event). Idempotent: a
 * re-delivered event computes the same hash and {@code ON CONFLICT DO NOTHING} keeps the first row; a re-delivered
 * batch is refused and runs again event by event, each linked to the hash stored before it.
 * Should a predecessor be missing (its handling failed and was skipped), it is chained first from the stored rows,
 * so the chain never has a hole. Nothing else reads or writes through this group; the case view never depends on it.
 */
@Component
@ProcessingGroup(AuditChainProjection.PROCESSING_GROUP)
public class AuditChainProjection extends BatchedProjection {

    public static final String PROCESSING_GROUP = "audit-chain";

    private static final Logger log = LoggerFactory.getLogger(AuditChainProjection.class);

    /** The columns of a {@code domainevententry} row the hash covers, as {@link #storedEvent(ResultSet)} reads them. */
    static final String STORED_EVENT_COLUMNS = "d.globalindex, d.aggregateidentifier, d.sequencenumber, "
            + "d.eventidentifier, d.payloadtype, d.payloadrevision, d.timestamp, d.payload, d.metadata";

    /**
     * The links, one statement for them all; one already there (the event chained before) is kept as it is, and the
     * statement's row count says how many were new. One statement rather than a JDBC batch: a batch's counts per row
     * are not given when the driver rewrites batched inserts ({@code reWriteBatchedInserts}, docs/database.md).
     */
    private static final String INSERT_LINKS = "INSERT INTO audit_chain "
            + "(global_index, aggregate_identifier, sequence_number, hash, previous_hash) "
            + "SELECT * FROM unnest(?::bigint[], ?::text[], ?::bigint[], ?::text[], ?::text[]) ON CONFLICT DO NOTHING";

    private record Row(long globalIndex, HashChain.StoredEvent event) {
    }

    /** A link to insert. */
    private record NewLink(long globalIndex, String stream, long sequence, String hash, String previous) {
    }

    /** A hash the chain holds (or is about to): the link the next event of the stream is chained to. */
    private record Link(long sequence, String hash) {
    }

    public AuditChainProjection(JdbcTemplate jdbc) {
        super(jdbc);
    }

    /**
     * Every event of every type: the chain covers the whole store. Events not of an aggregate are not chained. The
     * batch's events are chained together when it commits ({@link #chain}); after a failure, one by one.
     */
    @EventHandler
    public void on(Object payload, EventMessage<?> message) {
        if (!(message instanceof DomainEventMessage<?> domain) || domain.getType() == null) {
            return;
        }
        writes.collect(PROCESSING_GROUP, ArrayList<String>::new, ids -> ids.add(message.getIdentifier()),
                this::chain);
    }

    /**
     * Chains the given events, in the order they were handled (each stream's own order): three statements for the
     * lot instead of three per event. Each row is read back from the event store exactly as stored; the previous
     * hash of a stream's first event here is read from the chain, the others' are the hashes just computed.
     */
    private void chain(List<String> eventIds) {
        Map<String, Row> stored = new HashMap<>();
        BatchReads.query(jdbc,
                "SELECT " + STORED_EVENT_COLUMNS + " FROM domainevententry d WHERE d.eventidentifier = any(?::text[])",
                rs -> {
                    stored.put(rs.getString("eventidentifier"), row(rs, 0));
                }, (Object) eventIds.toArray(String[]::new));
        List<Row> rows = new ArrayList<>();
        for (String id : eventIds) {
            Row row = stored.get(id);
            if (row == null) {
                log.warn("Audit chain: event {} is not in the event store; not chained", id);
            } else {
                rows.add(row);
            }
        }
        Map<String, Link> latest = chainedBefore(rows);
        List<NewLink> inserts = new ArrayList<>();
        for (Row row : rows) {
            String stream = row.event().aggregateIdentifier();
            long sequence = row.event().sequenceNumber();
            String previous = null;
            if (sequence > 0) {
                Link link = latest.get(stream);
                if (link != null && link.sequence() == sequence - 1) {
                    previous = link.hash();
                } else {
                    insertAll(inserts); // catching up reads the chain: what is computed so far goes first
                    previous = catchUp(stream, sequence - 1);
                }
            }
            String hash = HashChain.hash(previous, row.event());
            inserts.add(new NewLink(row.globalIndex(), stream, sequence, hash, previous));
            latest.put(stream, new Link(sequence, hash));
        }
        insertAll(inserts);
    }

    /** The stored hash before each stream's first event among {@code rows}, where the chain has it. */
    private Map<String, Link> chainedBefore(List<Row> rows) {
        Map<String, Long> first = new LinkedHashMap<>();
        rows.forEach(r -> first.putIfAbsent(r.event().aggregateIdentifier(), r.event().sequenceNumber() - 1));
        first.values().removeIf(sequence -> sequence < 0);
        Map<String, Link> links = new HashMap<>();
        if (first.isEmpty()) {
            return links;
        }
        // One index lookup per stream (the LIMIT keeps the subquery a lookup), whatever the plan assumes of the arrays.
        BatchReads.query(jdbc, "SELECT c.aggregate_identifier, c.sequence_number, c.hash "
                        + "FROM unnest(?::text[], ?::bigint[]) AS w(aggregate_identifier, sequence_number) "
                        + "CROSS JOIN LATERAL (SELECT l.aggregate_identifier, l.sequence_number, l.hash FROM audit_chain l "
                        + "WHERE l.aggregate_identifier = w.aggregate_identifier "
                        + "AND l.sequence_number = w.sequence_number LIMIT 1) c",
                rs -> {
                    links.put(rs.getString(1), new Link(rs.getLong(2), rs.getString(3)));
                }, first.keySet().toArray(String[]::new), first.values().toArray(Long[]::new));
        return links;
    }

    /**
     * Inserts the computed links. A link already there means these events were chained before (a re-delivery): the
     * stored hash, not the one computed here, is what a later link must be chained to, so when several were computed
     * together the batch is refused and runs again event by event, each linked to what is stored.
     */
    private void insertAll(List<NewLink> inserts) {
        if (inserts.isEmpty()) {
            return;
        }
        if (insertLinks(inserts) < inserts.size() && inserts.size() > 1) {
            throw new IllegalStateException("Audit chain: events of this batch were chained before; chaining them"
                    + " again one by one");
        }
        inserts.clear();
    }

    /** Inserts the links that are not there yet; answers how many were. */
    private int insertLinks(List<NewLink> links) {
        int n = links.size();
        Long[] globalIndexes = new Long[n];
        String[] streams = new String[n];
        Long[] sequences = new Long[n];
        String[] hashes = new String[n];
        String[] previous = new String[n];
        for (int i = 0; i < n; i++) {
            NewLink link = links.get(i);
            globalIndexes[i] = link.globalIndex();
            streams[i] = link.stream();
            sequences[i] = link.sequence();
            hashes[i] = link.hash();
            previous[i] = link.previous();
        }
        return jdbc.update(INSERT_LINKS, globalIndexes, streams, sequences, hashes, previous);
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
        NewLink link = new NewLink(row.globalIndex(), row.event().aggregateIdentifier(), row.event().sequenceNumber(),
                hash, previous);
        if (insertLinks(List.of(link)) == 1) {
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
