package jp.kasane.api.audit;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.kasane.api.application.CaseReader;
import jp.kasane.api.application.DisclosureLedger;
import jp.kasane.core.access.Caller;
import jp.kasane.core.metadata.EventMetadata;
import jp.kasane.core.rules.RuleViolation;
import jp.kasane.core.supportcase.events.CaseOpened;
import jp.kasane.projections.Page;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The auditor's reads (監査): a case's events as stored, with their place in the hash chain; its disclosure ledger;
 * and the re-check of the whole chain. Personal data stays sealed: payloads are answered exactly as stored
 * (ciphertext), nothing here holds a data key. Every read of a case is itself recorded in that case's ledger first.
 */
@Service
public class AuditTrail {

    /** One stored event of a case, with its audit-chain link (null while the chain processor has not reached it). */
    public record AuditEvent(long sequence, String type, Instant occurredAt, Instant recordedAt, String agencyId,
                             String actor, JsonNode payload, String hash, String previousHash, long globalIndex,
                             String correlationId) {
    }

    /**
     * The re-check of the chain: {@code events} links checked; {@code firstBrokenSequence} the global index
     * ({@code domainevententry.globalindex}) of the first link that does not hold, or null.
     */
    public record Verification(boolean verified, long events, Long firstBrokenSequence) {
    }

    static final String CASE_OPENED = CaseOpened.class.getAnnotation(JsonTypeName.class).value();

    /** When the event was recorded: its metadata's recordedAt, else the event store's own timestamp. */
    private static final String RECORDED_AT = "coalesce(convert_from(d.metadata, 'UTF8')::jsonb ->> '"
            + EventMetadata.RECORDED_AT + "', d.timestamp)::timestamptz";

    private static final String VERIFY = "SELECT c.global_index, c.aggregate_identifier AS chain_aggregate, "
            + "c.sequence_number AS chain_sequence, c.hash, c.previous_hash, p.hash AS predecessor_hash, "
            + AuditChainProjection.STORED_EVENT_COLUMNS
            + " FROM audit_chain c"
            + " LEFT JOIN domainevententry d ON d.globalindex = c.global_index"
            + " LEFT JOIN audit_chain p ON p.aggregate_identifier = c.aggregate_identifier"
            + " AND p.sequence_number = c.sequence_number - 1"
            + " ORDER BY c.global_index";

    /** Rows fetched per round trip while verifying: memory stays flat however long the history. */
    static final int VERIFY_FETCH_SIZE = 1000;

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;
    private final ObjectMapper json;
    private final CaseReader reader;
    private final DisclosureLedger ledger;

    public AuditTrail(JdbcTemplate jdbc, DataSource dataSource, PlatformTransactionManager transactionManager,
                      ObjectMapper json, CaseReader reader, DisclosureLedger ledger) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(VERIFY_FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
        this.json = json;
        this.reader = reader;
        this.ledger = ledger;
    }

    /** Every event of the case in stream order; with {@code asOf}, only those recorded by then. Logged as a read. */
    public Page<AuditEvent> events(Caller caller, String caseId, Instant asOf, int page, int size) {
        Page.check(page, size);
        requireCase(caseId);
        recordRead(caller, caseId);
        Filter filter = new Filter(caseId, asOf);
        List<Object> args = filter.args();
        args.add(size);
        args.add(Page.offset(page, size));
        List<AuditEvent> items = jdbc.query("SELECT d.globalindex, d.sequencenumber, d.payloadtype, d.payload, "
                        + "d.metadata, d.timestamp, c.hash, c.previous_hash FROM domainevententry d "
                        + "LEFT JOIN audit_chain c ON c.global_index = d.globalindex"
                        + filter.where() + " ORDER BY d.sequencenumber LIMIT ? OFFSET ?",
                (rs, n) -> event(rs), args.toArray());
        return new Page<>(items, page, size, count(filter));
    }

    /** The case's disclosure ledger in the order it was written; with {@code asOf}, as it stood then. Logged as a read. */
    public Page<DisclosureLedger.Line> disclosures(Caller caller, String caseId, Instant asOf, int page, int size) {
        Page.check(page, size);
        requireCase(caseId);
        recordRead(caller, caseId);
        return ledger.lines(caseId, asOf, page, size);
    }

    /**
     * Walks the whole chain in global order, streaming (a read-only transaction, so the driver fetches
     * {@value #VERIFY_FETCH_SIZE} rows at a time), recomputing each hash from the stored row and checking each link.
     */
    public Verification verify(Caller caller) {
        Checker checker = new Checker();
        readOnly.executeWithoutResult(status -> streaming.query(VERIFY, checker));
        Verification result = checker.result();
        log.info("Audit chain verification for agency {}: verified={}, events checked={}, first broken global index={}",
                caller.agencyId(), result.verified(), result.events(), result.firstBrokenSequence());
        return result;
    }

    /** Unknown case, or an id that is not a case (a meeting): 404, and nothing is recorded. */
    private void requireCase(String caseId) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND sequencenumber = 0 AND payloadtype = ?", Integer.class, caseId, CASE_OPENED);
        if (n == null || n == 0) {
            throw RuleViolation.notFound();
        }
    }

    /** The audit read goes to the case's ledger (basis AUDIT) before anything is read. */
    private void recordRead(Caller caller, String caseId) {
        reader.recordAuditRead(caller, caseId);
    }

    private long count(Filter filter) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM domainevententry d" + filter.where(), Long.class,
                filter.args().toArray());
        return n == null ? 0 : n;
    }

    private AuditEvent event(ResultSet rs) throws SQLException {
        JsonNode meta = tree(rs.getBytes("metadata"));
        return new AuditEvent(rs.getLong("sequencenumber"), rs.getString("payloadtype"),
                EventMetadata.instant(text(meta, EventMetadata.OCCURRED_AT)), recordedAt(meta, rs.getString("timestamp")),
                text(meta, EventMetadata.AGENCY_ID), text(meta, EventMetadata.ACTOR),
                tree(rs.getBytes("payload")), rs.getString("hash"), rs.getString("previous_hash"),
                rs.getLong("globalindex"), text(meta, EventMetadata.CORRELATION_ID));
    }

    private JsonNode tree(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("A stored event is not JSON", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode n = node == null ? null : node.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Instant recordedAt(JsonNode meta, String storeTimestamp) {
        return EventMetadata.recordedAt(text(meta, EventMetadata.RECORDED_AT), EventMetadata.instant(storeTimestamp));
    }

    /** The rows of one case, optionally only those recorded by {@code asOf}. */
    private record Filter(String caseId, Instant asOf) {
        String where() {
            return " WHERE d.aggregateidentifier = ?"
                    + (asOf == null ? "" : " AND " + RECORDED_AT + " <= ?");
        }

        List<Object> args() {
            List<Object> args = new ArrayList<>();
            args.add(caseId);
            if (asOf != null) {
                args.add(OffsetDateTime.ofInstant(asOf, ZoneOffset.UTC));
            }
            return args;
        }
    }

    /** Checks each chain row as it streams past; keeps only counters. */
    private static final class Checker implements RowCallbackHandler {
        private long events;
        private Long firstBroken;

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            events++;
            if (firstBroken == null && !holds(rs)) {
                firstBroken = rs.getLong("global_index");
            }
        }

        private static boolean holds(ResultSet rs) throws SQLException {
            if (rs.getString("eventidentifier") == null) {
                return false; // the chained event is gone from the event store
            }
            HashChain.StoredEvent event = AuditChainProjection.storedEvent(rs);
            long sequence = rs.getLong("chain_sequence");
            if (!event.aggregateIdentifier().equals(rs.getString("chain_aggregate")) || event.sequenceNumber() != sequence) {
                return false; // the row at this global index is another event than the one chained
            }
            String previous = rs.getString("previous_hash");
            boolean linked = sequence == 0
                    ? previous == null
                    : previous != null && previous.equals(rs.getString("predecessor_hash"));
            return linked && HashChain.hash(previous, event).equals(rs.getString("hash"));
        }

        Verification result() {
            return new Verification(firstBroken == null, events, firstBroken);
        }
    }
}
