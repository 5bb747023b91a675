package jp.kasane.api.web.cases;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jp.kasane.api.application.CaseReader;
import jp.kasane.api.application.CaseService;
import jp.kasane.api.application.CaseService.Created;
import jp.kasane.api.web.idempotency.IdempotentWrites;
import jp.kasane.core.access.Caller;
import jp.kasane.core.access.Purpose;
import jp.kasane.core.supportcase.CaseView;
import jp.kasane.core.supportcase.commands.CaseChange;
import jp.kasane.core.supportcase.commands.NarrowConsent;
import jp.kasane.api.web.support.Versions;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static jp.kasane.api.web.support.Versions.answer;
import static jp.kasane.api.web.support.Versions.expected;

/** The case (ケース) and everything recorded on it: consultations, consent, referrals (つなぎ), escalation, closure. */
@RestController
@RequestMapping("/api/v1/cases")
@Tag(name = "Cases", description = "ケース: consultations, consent, referrals (つなぎ), escalation, closure")
public class CaseController {

    private static final String WRITERS = "hasAnyRole('CASEWORKER','COORDINATOR')";

    private final CaseService cases;
    private final CaseReader reader;
    private final IdempotentWrites writes;

    public CaseController(CaseService cases, CaseReader reader, IdempotentWrites writes) {
        this.cases = cases;
        this.reader = reader;
        this.writes = writes;
    }

    @PostMapping
    @PreAuthorize("hasRole('CASEWORKER')")
    @Operation(summary = "Open a case from a first consultation (受付)")
    public ResponseEntity<Object> open(@AuthenticationPrincipal Caller caller,
                                       @RequestHeader(name = IdempotentWrites.HEADER, required = false) String key,
                                       @Valid @RequestBody CaseRequests.OpenCase body) {
        return writes.run(caller, key, List.of("POST /cases", body), () -> {
            var members = body.household().members().stream()
                    .map(m -> new CaseService.NewMember(m.name(), m.birthDate(), m.birthYear(), m.relationship())).toList();
            var opened = cases.open(caller, members, new CaseService.NewConsultation(body.occurredAt(), body.channel(),
                    body.summary(), body.issues(), body.categories(), null, body.consultedBy()));
            return answer(opened.caseId(), opened.version(), URI.create("/api/v1/cases/" + opened.caseId()), Map.of());
        });
    }

    @GetMapping("/{caseId}")
    @PreAuthorize("hasAnyRole('CASEWORKER','COORDINATOR','AUDITOR')")
    @Operation(summary = "The case as the caller may see it; every read by another agency is recorded as a disclosure")
    public ResponseEntity<CaseView<String>> read(@AuthenticationPrincipal Caller caller, @PathVariable String caseId,
                                                 @Parameter(description = "Purpose of the read (利用目的)")
                                                 @RequestParam(defaultValue = "SUPPORT_COORDINATION") Purpose purpose) {
        return viewOf(reader.read(caller, caseId, purpose));
    }

    @PostMapping("/{caseId}/vital-interest-reads")
    @PreAuthorize(WRITERS)
    @Operation(summary = "Read under the vital-interest exception (APPI): needs a written justification, flagged for review")
    public ResponseEntity<CaseView<String>> vitalInterestRead(@AuthenticationPrincipal Caller caller, @PathVariable String caseId,
                                                              @Valid @RequestBody CaseRequests.VitalInterestRead body) {
        return viewOf(reader.readForVitalInterest(caller, caseId, body.justification()));
    }

    private static ResponseEntity<CaseView<String>> viewOf(CaseReader.Read read) {
        return ResponseEntity.ok().eTag(Versions.etag(read.version())).body(read.view());
    }

    @PostMapping("/{caseId}/consultations")
    @PreAuthorize(WRITERS)
    @Operation(summary = "Record a consultation (相談); on a closed or suspended case it reopens the case")
    public ResponseEntity<Object> consultation(@AuthenticationPrincipal Caller caller, @PathVariable String caseId,
                                               @RequestHeader(name = IdempotentWrites.HEADER, required = false) String key,
                                               @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                               @Valid @RequestBody CaseRequests.Consultation body) {
        return change(caller, key, caseId, "consultations", body, () -> cases.recordConsultation(caller, caseId, expected(ifMatch),
                new CaseService.NewConsultation(body.occurredAt(), body.channel(), body.summary(), body.issues(), body.categories(),
                        body.aboutPersonIds(), body.consultedBy())), true);
    }

    @PostMapping("/{caseId}/contacts")
    @PreAuthorize(WRITERS)
    @Operation(summary = "Record a contact (訪問, 電話, アウトリーチ, 同行), reached or not",
            description = "`201 {contactId, version}`. Accompanying agencies gain no access to the case by going along.")
    public ResponseEntity<Object> contact(@AuthenticationPrincipal Caller caller, @PathVariable String caseId,
                                          @RequestHeader(name = IdempotentWrites.HEADER, required = false) String key,
                                          @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                          @Valid @RequestBody CaseRequests.Contact body) {
        return writes.run(caller, key, List.of("POST /cases/" + caseId + "/contacts", body), () -> {
            Created c = cases.recordContact(caller, caseId, expected(ifMatch), body.occurredAt(), body.method(),
                    body.reached(), body.accompaniedAgencyIds(), body.summary(), body.aboutPersonIds());
            return answer(caseId, c.version(), URI.create("/api/v1/cases/" + caseId), Map.of("contactId", c.id()));
        });
    }

    @PostMapping("/{caseId}/members/{personId}/departure")
    @PreAuthorize(WRITERS)
    @Operation(summary = "A member left the household (転居, 死亡); they stay in the history",
            description = "`{reason: MOVED_OUT | DIED | OTHER, on}`; a second departure is `409 MEMBER_ALREADY_LEFT`")
    public ResponseEntity<Object> departure(@AuthenticationPrincipal Caller caller, @PathVariable String caseId,
                                            @PathVariable String personId,
                                            @RequestHeader(name = IdempotentWrites.HEADER, required = false) String key,
                                            @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                            @Valid @RequestBody CaseRequests.Departure body) {
        return change(caller, key, caseId, "members/" + personId + "/departure", body,
                () -> cases.recordDeparture(caller, caseId, expected(ifMatch), personId,
                        new jp.kasane.core.supportcase.Departure(body.reason(), body.on())), false);
    }

    @PostMapping("/{caseId}/members/{personId}/corrections")
    @PreAuthorize(WRITERS)
    @Operation(summary = "Correct a member's name or birth date, or name a person first recorded without a name",
            description = "`{field: name | birthDate, value, reason}` → `200 {version}`. The view shows the new value; "
                    + "the history keeps both. A holder of the case; `404` for a person who is not a member.")
    public ResponseEntity<Object> correction(@AuthenticationPrincipal Caller caller, @PathVariable String caseId,
                                             @PathVariable String personId,
                                             @RequestHeader(name = IdempotentWrites.HEADER, required = false) String key,
                                             @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                             @Valid @RequestBody CaseRequests.Correction body) {
        return change(caller, key, caseId, "members/" + personId + "/corrections", body,
                () -> cases.correct(caller, caseId, expected(ifMatch), personId, body.field(), body.value(),
                        body.reason()), false);
    }

    @PostMapping("/{caseId}/members")
    @PreAuthorize(WRITERS)
    @Operation(summary = "Add a household member (the son found later, a guardian appointed)",
            description = "`201 {personId, version}`. Name and birth date may be unknown; a second SELF is `ONE_SELF`.")
    public ResponseEntity<Object> member(@AuthenticationPrincipal Caller caller, @PathVariable String caseId,
                                         @RequestHeader(name = IdempotentWrites.HEADER, required = false) String key,
                                         @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                         @Valid @RequestBody CaseRequests.Member body) {
        return writes.run(caller, key, List.of("POST /cases/" + caseId + "/members", body), () -> {
            Created added = cases.addMember(caller, caseId, expected(ifMatch),
                    new CaseService.NewMember(body.name(), body.birthDate(), body.birthYear(), body.relationship()));
            return answer(caseId, added.version(), URI.create("/api/v1/cases/" + caseId), Map.of("personId", added.id()));
        });
    }

    @PostMapping("/{caseId}/assessments")
    @PreAuthorize(WRITERS)
    @Operation(summary = "Record an assessment (アセスメント)")
    public ResponseEntity<Object> assessment(@AuthenticationPrincipal Caller caller, @PathVariable String caseId,
                                             @RequestHeader(name = IdempotentWrites.HEADER, required = false) String key,
                                             @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                             @Valid @RequestBody CaseRequests.Note body) {
        return change(caller, key, caseId, "assessments", body,
                () -> cases.recordAssessment(caller, caseId, expected(ifMatch), body.occurredAt(), body.summary(),
                        body.aboutPersonIds()), true);
    }

    @PostMapping("/{caseId}/monitoring-notes")
    @PreAuthorize(WRITERS)
    @Operation(summary = "Record a monitoring note (モニタリング)")
    public ResponseEntity<Object> monitoring(@AuthenticationPrincipal Caller caller, @PathVariable String caseId,
                                             @RequestHeader(name = IdempotentWrites.HEADER, required = false) String key,
                                             @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                             @Valid @RequestBody CaseRequests.Note body) {
        return change(caller, key, caseId, "monitoring-notes", body,
                () -> cases.recordMonitoring(caller, caseId, expected(ifMatch), body.occurredAt(), body.summary(),
                        body.aboutPersonIds()), true);
    }

    @PostMapping("/{caseId}/consents")
    @PreAuthorize(WRITERS)
    @Operation(summary = "Record consent (本人同意 / 代理同意) about its data subjects: capacity SELF, PARENT or GUARDIAN; "
            + "only an agency that holds the case records one")
    public ResponseEntity<Object> consent(@AuthenticationPrincipal Caller caller, @PathVariable String caseId,
                                          @RequestHeader(name = IdempotentWrites.HEADER, required = false) String key,
                                          @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                          @Valid @RequestBody CaseRequests.Consent body) {
        return writes.run(caller, key, List.of("POST /cases/" + caseId + "/consents", body), () -> {
            CaseRequests.Evidence e = body.evidence();
            Created c = cases.giveConsent(caller, caseId, expected(ifMatch), new CaseService.NewConsent(
                    body.givenBy().personId(), body.givenBy().capacity(), list(body.aboutPersonIds()),
                    list(body.agencyIds()), set(body.agencyTypes()), set(body.purposes()), set(body.categories()),
                    body.validUntil(), e == null ? null : e.form(), e == null ? null : e.reference(),
                    e == null ? null : e.obtainedOn()));
            return answer(caseId, c.version(), URI.create("/api/v1/cases/" + caseId + "/consents/" + c.id()), Map.of("consentId", c.id()));
        });
    }

    @PostMapping("/{caseId}/consents/{consentId}/narrowing")
    @PreAuthorize(WRITERS)
    @Operation(summary = "Narrow a consent (同意範囲の縮小): fewer persons, agencies, purposes or categories, or an earlier end; "
            + "referrals it no longer covers are withdrawn")
    public ResponseEntity<Object> narrowConsent(@AuthenticationPrincipal Caller caller, @PathVariable String caseId,
                                                @PathVariable String consentId,
                                                @RequestHeader(name = IdempotentWrites.HEADER, required = false) String key,
                                                @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                @Valid @RequestBody CaseRequests.Narrowing body) {
        return change(caller, key, caseId, "consents/" + consentId + "/narrowing", body,
                () -> cases.narrowConsent(caller, caseId, new NarrowConsent(caseId, caller,
                        expected(ifMatch), consentId, setOrNull(body.aboutPersonIds()), setOrNull(body.agencyIds()),
                        setOrNull(body.agencyTypes()), setOrNull(body.purposes()), setOrNull(body.categories()),
                        body.validUntil())), false);
    }

    @PostMapping("/{caseId}/consents/{consentId}/withdrawal")
    @PreAuthorize(WRITERS)
    @Operation(summary = "Withdraw consent (同意の撤回): takes effect at once; pending referrals resting on it are withdrawn")
    public ResponseEntity<Object> withdrawConsent(@AuthenticationPrincipal Caller caller, @PathVariable String caseId,
                                                  @PathVariable String consentId,
                                                  @RequestHeader(name = IdempotentWrites.HEADER, required = false) String key,
                                                  @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                  @Valid @RequestBody(required = false) CaseRequests.Withdrawal body) {
        String reason = body == null ? null : body.reason();
        return change(caller, key, caseId, "consents/" + consentId + "/withdrawal", body,
                () -> cases.withdrawConsent(caller, caseId, expected(ifMatch), consentId, reason), false);
    }

    @PostMapping("/{caseId}/referrals")
    @PreAuthorize(WRITERS)
    @Operation(summary = "Refer the case to another agency (つなぎ); needs consent covering the receiver or a 支援会議 decision")
    public ResponseEntity<Object> refer(@AuthenticationPrincipal Caller caller, @PathVariable String caseId,
                                        @RequestHeader(name = IdempotentWrites.HEADER, required = false) String key,
                                        @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                        @Valid @RequestBody CaseRequests.Referral body) {
        return writes.run(caller, key, List.of("POST /cases/" + caseId + "/referrals", body), () -> {
            Created r = cases.requestReferral(caller, caseId, expected(ifMatch), body.toAgencyId(), body.reason(),
                    body.basis(), body.categories(), body.aboutPersonIds());
            return answer(caseId, r.version(), URI.create("/api/v1/cases/" + caseId + "/referrals/" + r.id()), Map.of("referralId", r.id()));
        });
    }

    @PostMapping("/{caseId}/referrals/{referralId}/acceptance")
    @PreAuthorize(WRITERS)
    @Operation(summary = "The receiving agency accepts the referral and holds the case from now on")
    public ResponseEntity<Object> accept(@AuthenticationPrincipal Caller caller, @PathVariable String caseId, @PathVariable String referralId,
                                         @RequestHeader(name = IdempotentWrites.HEADER, required = false) String key,
                                         @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return change(caller, key, caseId, "referrals/" + referralId + "/acceptance", null,
                () -> cases.acceptReferral(caller, caseId, expected(ifMatch), referralId), false);
    }

    @PostMapping("/{caseId}/referrals/{referralId}/decline")
    @PreAuthorize(WRITERS)
    @Operation(summary = "The receiving agency declines the referral; a reason is required")
    public ResponseEntity<Object> decline(@AuthenticationPrincipal Caller caller, @PathVariable String caseId, @PathVariable String referralId,
                                          @RequestHeader(name = IdempotentWrites.HEADER, required = false) String key,
                                          @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                          @Valid @RequestBody CaseRequests.Decline body) {
        return change(caller, key, caseId, "referrals/" + referralId + "/decline", body,
                () -> cases.declineReferral(caller, caseId, expected(ifMatch), referralId, body.reason()), false);
    }

    @PostMapping("/{caseId}/referrals/{referralId}/withdrawal")
    @PreAuthorize(WRITERS)
    @Operation(summary = "The sending agency withdraws the referral")
    public ResponseEntity<Object> withdrawReferral(@AuthenticationPrincipal Caller caller, @PathVariable String caseId,
                                                   @PathVariable String referralId,
                                                   @RequestHeader(name = IdempotentWrites.HEADER, required = false) String key,
                                                   @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                   @Valid @RequestBody(required = false) CaseRequests.Withdrawal body) {
        String reason = body == null ? null : body.reason();
        return change(caller, key, caseId, "referrals/" + referralId + "/withdrawal", body,
                () -> cases.withdrawReferral(caller, caseId, expected(ifMatch), referralId, reason), false);
    }

    @PostMapping("/{caseId}/referrals/{referralId}/completion")
    @PreAuthorize(WRITERS)
    @Operation(summary = "The receiving agency records that contact is made (COMPLETED)")
    public ResponseEntity<Object> complete(@AuthenticationPrincipal Caller caller, @PathVariable String caseId, @PathVariable String referralId,
                                           @RequestHeader(name = IdempotentWrites.HEADER, required = false) String key,
                                           @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return change(caller, key, caseId, "referrals/" + referralId + "/completion", null,
                () -> cases.completeReferral(caller, caseId, expected(ifMatch), referralId), false);
    }

    @PostMapping("/{caseId}/escalation")
    @PreAuthorize(WRITERS)
    @Operation(summary = "Escalate to 多機関協働: the case appears in the coordinator's escalation list; the coordinator "
            + "holds it only on a consent naming it, else it may table it at a 支援会議")
    public ResponseEntity<Object> escalate(@AuthenticationPrincipal Caller caller, @PathVariable String caseId,
                                           @RequestHeader(name = IdempotentWrites.HEADER, required = false) String key,
                                           @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                           @Valid @RequestBody(required = false) CaseRequests.Escalation body) {
        String coordinator = body == null ? null : body.coordinatorAgencyId();
        String reason = body == null ? null : body.reason();
        return change(caller, key, caseId, "escalation", body,
                () -> cases.escalate(caller, caseId, expected(ifMatch), coordinator, reason), false);
    }

    @PostMapping("/{caseId}/closure")
    @PreAuthorize(WRITERS)
    @Operation(summary = "Close the case (終結) with a reason and an evaluation: the lead agency (主担当) or a coordinator")
    public ResponseEntity<Object> close(@AuthenticationPrincipal Caller caller, @PathVariable String caseId,
                                        @RequestHeader(name = IdempotentWrites.HEADER, required = false) String key,
                                        @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                        @Valid @RequestBody CaseRequests.Closure body) {
        return change(caller, key, caseId, "closure", body,
                () -> cases.close(caller, caseId, expected(ifMatch), body.reason(), body.evaluation(),
                        body.aboutPersonIds()), false);
    }

    private ResponseEntity<Object> change(Caller caller, String key, String caseId, String path, Object body,
                                          Supplier<CaseChange> write, boolean created) {
        return writes.run(caller, key, java.util.Arrays.asList("POST /cases/" + caseId + "/" + path, body), () -> {
            CaseChange change = write.get();
            return answer(caseId, change.version(), created ? URI.create("/api/v1/cases/" + caseId) : null, Map.of());
        });
    }

    private static <T> Set<T> set(List<T> list) {
        return list == null ? Set.of() : Set.copyOf(list);
    }

    private static <T> Set<T> setOrNull(List<T> list) {
        return list == null ? null : Set.copyOf(list);
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
