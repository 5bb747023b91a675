package jp.kasane.api.web.audit;

import jp.kasane.api.audit.AuditTrail;

import jp.kasane.api.application.DisclosureLedger;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.kasane.api.web.support.QueryParameters;
import jp.kasane.api.web.support.QueryParameters.Paging;
import jp.kasane.core.access.Caller;
import jp.kasane.projections.Page;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/** The auditor's endpoints (監査): a case's events and disclosure ledger as stored, and the hash-chain re-check. */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "監査: the event trail of a case, its disclosure ledger, and the tamper-evidence "
        + "check of the hash chain (AUDITOR, read-only; every read of a case is itself recorded)")
public class AuditController {

    private final AuditTrail trail;

    public AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping("/cases/{caseId}/events")
    @PreAuthorize("hasRole('AUDITOR')")
    @Operation(summary = "Every event of a case in order, as stored, with its hash-chain link (AUDITOR)", description = """
            The case's events in stream order: `sequence` (the aggregate sequence number), `type` (the stable stored \
            type, e.g. `kasane.CaseOpened`), `occurredAt` and `recordedAt`, the `agencyId` and `actor` that caused it, \
            the `payload` exactly as stored (personal data in it stays sealed ciphertext: this endpoint never \
            decrypts), and its `hash` and `previousHash` in the per-case hash chain (null for an event the chain \
            processor has not reached yet; it lags by milliseconds). Also `globalIndex` (the position in the whole \
            store, as `/audit/verification` reports it) and `correlationId`. \
            `asOf` (an ISO-8601 instant) answers the trail as the system knew it then: only events recorded by \
            `asOf` (`recordedAt <= asOf`), whenever they say they occurred. \
            The read itself is recorded first, as a line of the case's disclosure ledger with basis AUDIT. \
            Unknown case: 404. A malformed `asOf`, or `size` outside 1 to 500: 400 VALIDATION_FAILED.""")
    public Page<AuditTrail.AuditEvent> events(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String caseId,
            @Parameter(description = "only events recorded by this instant (ISO-8601, e.g. 2026-04-01T09:30:00Z)",
                    schema = @Schema(type = "string", format = "date-time"))
            @RequestParam(name = "asOf", required = false) String asOf,
            @Parameter(description = "zero-based page", schema = @Schema(type = "integer", defaultValue = "0", minimum = "0"))
            @RequestParam(name = "page", required = false) String page,
            @Parameter(description = "page size", schema = @Schema(type = "integer", defaultValue = "50", minimum = "1", maximum = "500"))
            @RequestParam(name = "size", required = false) String size) {
        Instant cut = QueryParameters.instant("asOf", asOf);
        Paging paging = QueryParameters.paging(page, size);
        return trail.events(caller, caseId, cut, paging.page(), paging.size());
    }

    @GetMapping("/cases/{caseId}/disclosures")
    @PreAuthorize("hasRole('AUDITOR')")
    @Operation(summary = "Who saw the case: its disclosure ledger (AUDITOR)", description = """
            Every read of the case by someone outside the agency that opened it, in the order recorded: `at` (when it \
            was recorded), `agencyId`, `actor`, the legal `basis` (OWN_RECORD, CONSENT, SUPPORT_MEETING_ART_106_6, \
            VITAL_INTEREST, AUDIT), the information `categories` it disclosed, `personIds` (whom the basis covered) \
            and `coverage` (the categories for each of them; both null on lines recorded before disclosure was \
            decided person by person), the stated `purpose`, the `caseVersion` it was decided on, and \
            `flaggedForReview` (every VITAL_INTEREST read is). `sequence` orders the ledger. Auditors' own reads appear with basis AUDIT; this read \
            is recorded before the ledger is read, so it is the last line. `asOf` cuts at what had been recorded by \
            then. Unknown case: 404. A malformed `asOf`, or `size` outside 1 to 500: 400 VALIDATION_FAILED.""")
    public Page<DisclosureLedger.Line> disclosures(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String caseId,
            @Parameter(description = "only disclosures recorded by this instant (ISO-8601)",
                    schema = @Schema(type = "string", format = "date-time"))
            @RequestParam(name = "asOf", required = false) String asOf,
            @Parameter(description = "zero-based page", schema = @Schema(type = "integer", defaultValue = "0", minimum = "0"))
            @RequestParam(name = "page", required = false) String page,
            @Parameter(description = "page size", schema = @Schema(type = "integer", defaultValue = "50", minimum = "1", maximum = "500"))
            @RequestParam(name = "size", required = false) String size) {
        Instant cut = QueryParameters.instant("asOf", asOf);
        Paging paging = QueryParameters.paging(page, size);
        return trail.disclosures(caller, caseId, cut, paging.page(), paging.size());
    }

    @GetMapping("/verification")
    @PreAuthorize("hasRole('AUDITOR')")
    @Operation(summary = "Re-check the audit hash chain (AUDITOR)", description = """
            Walks every chained event in global order, recomputes its SHA-256 from the event store row as stored and \
            checks its link to the previous event of the same case (docs/audit.md). `verified`: every link holds; \
            `events`: how many were checked; `firstBrokenSequence`: the global index (`globalIndex` in the events \
            trail) of the first event whose stored bytes or link do not match, else null. Proves the stored events \
            were not changed, removed or reordered behind the application's back since they were chained; it does not \
            prove anything against someone able to rewrite both the events and the chain. Events the chain processor \
            has not reached yet (milliseconds) are not counted.""")
    public AuditTrail.Verification verification(@AuthenticationPrincipal Caller caller) {
        return trail.verify(caller);
    }
}
