package jp.kasane.api.web.idempotency;

import jp.kasane.api.web.support.RequestRules;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.kasane.api.application.Transactions;
import jp.kasane.core.access.Caller;
import jp.kasane.core.rules.RuleViolation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs every POST of the API: one transaction for the write and its {@code Idempotency-Key} record.
 * <ul>
 *   <li>No key: the write runs once, as asked.</li>
 *   <li>A new key: the write runs and its answer is stored with the key, in the same transaction.</li>
 *   <li>A known key with the same request: the stored answer, nothing recorded again.</li>
 *   <li>A known key with another request: {@code 422 IDEMPOTENCY_KEY_REUSED}.</li>
 * </ul>
 * Two concurrent requests with one key meet at the primary key: PostgreSQL makes the second wait for the first
 * and then see its record. Keys are per agency, so two agencies cannot collide.
 */
@Component
public class IdempotentWrites {

    /** The header; what a key may be is {@link RequestRules}' to decide, before the request gets here. */
    public static final String HEADER = RequestRules.IDEMPOTENCY_KEY;

    private final Transactions transactions;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    /** How long a key is remembered ({@code kasane.idempotency.keep-for}, default 7 days); after that it is new. */
    private final Duration keepFor;

    public IdempotentWrites(Transactions transactions, JdbcTemplate jdbc, ObjectMapper json, Clock clock,
                            @Value("${kasane.idempotency.keep-for:P7D}") Duration keepFor) {
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.keepFor = keepFor;
    }

    /** Deletes the records older than {@code keep-for}, every hour: a retry after that is a new request. */
    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    public int purgeExpired() {
        return jdbc.update("DELETE FROM idempotency_record WHERE created_at < ?", Timestamp.from(expiredBefore()));
    }

    private Instant expiredBefore() {
        return clock.instant().minus(keepFor);
    }

    /**
     * @param request what identifies the request: method, path and the parsed body
     * @param write   the write; its answer's body must hold no personal data (ids and versions only)
     */
    public ResponseEntity<Object> run(Caller caller, String key, Object request, Supplier<ResponseEntity<?>> write) {
        if (key == null) {
            return transactions.run(() -> cast(write.get()));
        }
        String hash = fingerprint(request);
        return transactions.run(() -> {
            // One statement: a new record, or an expired one taken over (forgotten whether or not the hourly purge has
            // run); a live record, one committed or one a concurrent request holds, is left alone and answered below.
            int inserted = jdbc.update("INSERT INTO idempotency_record (agency_id, idempotency_key, request_hash, status_code, created_at)"
                    + " VALUES (?, ?, ?, 0, ?) ON CONFLICT (agency_id, idempotency_key) DO UPDATE"
                    + " SET request_hash = excluded.request_hash, status_code = 0, response_body = NULL, location = NULL,"
                    + " etag = NULL, created_at = excluded.created_at WHERE idempotency_record.created_at < ?",
                    caller.agencyId(), key, hash, Timestamp.from(clock.instant()), Timestamp.from(expiredBefore()));
            if (inserted == 0) {
                return replay(caller, key, hash);
            }
            ResponseEntity<Object> answer = cast(write.get());
            jdbc.update("UPDATE idempotency_record SET status_code = ?, response_body = ?, location = ?, etag = ?"
                            + " WHERE agency_id = ? AND idempotency_key = ?",
                    answer.getStatusCode().value(), toJson(answer.getBody()),
                    answer.getHeaders().getFirst(HttpHeaders.LOCATION), answer.getHeaders().getFirst(HttpHeaders.ETAG),
                    caller.agencyId(), key);
            return answer;
        });
    }

    private ResponseEntity<Object> replay(Caller caller, String key, String hash) {
        List<ResponseEntity<Object>> stored = jdbc.query(
                "SELECT request_hash, status_code, response_body, location, etag FROM idempotency_record"
                        + " WHERE agency_id = ? AND idempotency_key = ?",
                (rs, i) -> {
                    if (!rs.getString("request_hash").equals(hash)) {
                        throw new RuleViolation(RuleViolation.Kind.UNPROCESSABLE, "IDEMPOTENCY_KEY_REUSED",
                                "This Idempotency-Key was used for a different request");
                    }
                    HttpHeaders headers = new HttpHeaders();
                    if (rs.getString("location") != null) {
                        headers.set(HttpHeaders.LOCATION, rs.getString("location"));
                    }
                    if (rs.getString("etag") != null) {
                        headers.set(HttpHeaders.ETAG, rs.getString("etag"));
                    }
                    headers.set("Idempotent-Replayed", "true");
                    return ResponseEntity.status(HttpStatus.valueOf(rs.getInt("status_code")))
                            .headers(headers).body((Object) fromJson(rs.getString("response_body")));
                }, caller.agencyId(), key);
        return stored.get(0);
    }

    private String fingerprint(Object request) {
        try {
            byte[] canonical = json.writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot fingerprint the request", e);
        }
    }

    private String toJson(Object body) {
        try {
            return body == null ? null : json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot store the answer", e);
        }
    }

    private JsonNode fromJson(String body) {
        try {
            return body == null ? null : json.readTree(body.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot read the stored answer", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static ResponseEntity<Object> cast(ResponseEntity<?> answer) {
        return (ResponseEntity<Object>) answer;
    }
}
