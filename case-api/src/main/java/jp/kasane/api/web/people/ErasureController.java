package jp.kasane.api.web.people;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jp.kasane.api.personaldata.JdbcPersonalDataVault;
import jp.kasane.api.web.idempotency.IdempotentWrites;
import jp.kasane.core.access.Caller;
import jp.kasane.core.rules.RuleViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Erasure of one person's personal data (crypto-shredding, docs/personal-data.md "Erasure"): the person's data key
 * is deleted, so every sealed value of that person, in every event and read model, opens as erased. No event is
 * written and none is changed.
 *
 * <p>The free-text {@code reason} is required so that the administrator states one, but it is neither logged
 * nor stored (not even hashed in the idempotency record): what the record keeps is the {@code reasonCode}.
 */
@RestController
@RequestMapping("/api/v1/people")
@Tag(name = "People", description = "個人情報の消去: crypto-shredding of one person's personal data (ADMIN)")
public class ErasureController {

    private static final Logger log = LoggerFactory.getLogger(ErasureController.class);

    /** Why a person's data is erased; stored with the erasure as {@code person_key.erasure_reason_code}. */
    public enum ReasonCode {
        /** A deletion the law requires (e.g. an order, or data that should never have been collected). */
        LAWFUL_DELETION,
        /** The retention period (default 5 years after closure) has ended. */
        RETENTION_EXPIRED,
        /** The person asked for deletion (利用停止・消去の請求). */
        PERSON_REQUEST
    }

    @Schema(description = "Erase one person's personal data. `reason` (required) is not stored; `reasonCode` is.")
    public record ErasureRequest(
            @Schema(description = "why, in words (required, 1 to 2,000 characters; neither logged nor stored)")
            @NotBlank @Size(max = 2_000) String reason,
            @Schema(description = "why, as the code kept with the erasure; default PERSON_REQUEST")
            ReasonCode reasonCode) {
    }

    /** The answer: ids, a time and a code only. */
    public record Erasure(String personId, Instant erasedAt, String reasonCode) {
    }

    private final JdbcPersonalDataVault vault;
    private final JdbcTemplate jdbc;
    private final IdempotentWrites writes;

    public ErasureController(JdbcPersonalDataVault vault, JdbcTemplate jdbc, IdempotentWrites writes) {
        this.vault = vault;
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @PostMapping("/{personId}/erasure")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Erase one person's personal data by deleting the person's data key (ADMIN)", description = """
            Crypto-shredding: the person's data key is deleted, so the person's name, birth date and every other \
            value sealed under the person's key, in every event and every read model, reads as erased from now on \
            (case view: `name: null, birthDate: null, erased: true`). The free text of a case (consultation \
            summaries, notes, reasons) is sealed under the key of the case's principal person (the SELF member), so \
            erasing that person also erases the free text of the case. Nothing is erased for other members. \
            No event is written or changed: the events, the audit trail and its hash chain stay as they are. \
            `reason` is required but not stored; `reasonCode` (LAWFUL_DELETION, RETENTION_EXPIRED, PERSON_REQUEST; \
            default PERSON_REQUEST) is kept with the erasure. Answers `{personId, erasedAt, reasonCode}`. Erasing an \
            erased person answers the first erasure again (its time and code). A person id the vault has no key for \
            is a 404. Another node may go on opening the person's data for up to `kasane.crypto.key-cache-ttl`.""")
    public ResponseEntity<Object> erase(@AuthenticationPrincipal Caller caller,
                                        @PathVariable String personId,
                                        @RequestHeader(name = IdempotentWrites.HEADER, required = false) String key,
                                        @Valid @RequestBody ErasureRequest body) {
        ReasonCode code = body.reasonCode() == null ? ReasonCode.PERSON_REQUEST : body.reasonCode();
        // The fingerprint leaves the free-text reason out: the idempotency record must not keep even its hash.
        return writes.run(caller, key, List.of("POST /people/erasure", personId, code.name()), () -> {
            if (find(personId, true) == null) {
                throw RuleViolation.notFound();
            }
            vault.erase(personId, code.name());
            Erasure erasure = find(personId, false);
            log.info("Person {} erased by {} of {} (reason code {})", personId, caller.actor(), caller.agencyId(),
                    erasure.reasonCode());
            return ResponseEntity.ok(erasure);
        });
    }

    /** The person's key row as an erasure (erasedAt null while live), or null when the vault has no row. */
    private Erasure find(String personId, boolean lock) {
        List<Erasure> rows = jdbc.query("select subject_id, erased_at, erasure_reason_code from person_key"
                        + " where subject_id = ?" + (lock ? " for update" : ""),
                (rs, n) -> {
                    OffsetDateTime erasedAt = rs.getObject("erased_at", OffsetDateTime.class);
                    return new Erasure(rs.getString("subject_id"), erasedAt == null ? null : erasedAt.toInstant(),
                            rs.getString("erasure_reason_code"));
                }, personId);
        return rows.isEmpty() ? null : rows.get(0);
    }
}
