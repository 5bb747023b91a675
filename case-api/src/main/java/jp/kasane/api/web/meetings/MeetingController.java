package jp.kasane.api.web.meetings;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jp.kasane.api.application.CaseService;
import jp.kasane.api.application.MeetingReader;
import jp.kasane.api.application.MeetingService;
import jp.kasane.api.web.support.QueryParameters;
import jp.kasane.api.web.support.QueryParameters.Paging;
import jp.kasane.core.meeting.MeetingKind;
import jp.kasane.core.meeting.MeetingRecord;
import jp.kasane.projections.Page;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import jp.kasane.api.web.idempotency.IdempotentWrites;
import jp.kasane.core.access.Caller;
import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.meeting.Decision;
import jp.kasane.core.meeting.PlanRole;
import jp.kasane.core.personaldata.Sealed;
import jp.kasane.core.rules.RuleViolation;
import jp.kasane.core.supportcase.SupportCase;
import jp.kasane.core.supportcase.commands.CaseChange;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static jp.kasane.api.web.support.Versions.answer;
import static jp.kasane.api.web.support.Versions.expected;

/** Meetings: 重層的支援会議 (with consent) and 支援会議 (Art. 106-6, 守秘義務), and their decisions per case. */
@RestController
@RequestMapping("/api/v1/meetings")
@Tag(name = "Meetings", description = "重層的支援会議 / 支援会議: convene, acknowledge 守秘義務, decide")
public class MeetingController {

    private final MeetingService meetings;
    private final MeetingReader reader;
    private final CaseService cases;
    private final IdempotentWrites writes;

    public MeetingController(MeetingService meetings, MeetingReader reader, CaseService cases, IdempotentWrites writes) {
        this.meetings = meetings;
        this.reader = reader;
        this.cases = cases;
        this.writes = writes;
    }

    @GetMapping
    @PreAuthorize("hasRole('COORDINATOR')")
    @Operation(summary = "The meetings the caller's agency convened or attends (COORDINATOR)", description = """
            `{items:[{meetingId, kind, heldOn, convenerAgencyId, attendees:[{agencyId, acknowledgedAt}], caseIds, \
            decisions:[{caseId, types}]}], page, size, total}`, latest `heldOn` first. `from` and `to` (dates, \
            inclusive) bound `heldOn`; `kind` is MULTILAYER_MEETING or SUPPORT_MEETING. Eventually consistent: a \
            meeting just convened may take a moment to be listed (read it at its Location at once). No personal \
            data: what a decision says about a case is on the case.""")
    public Page<MeetingRecord> list(
            @AuthenticationPrincipal Caller caller,
            @Parameter(description = "earliest heldOn, e.g. 2026-04-01") @RequestParam(name = "from", required = false) String from,
            @Parameter(description = "latest heldOn, e.g. 2027-03-31") @RequestParam(name = "to", required = false) String to,
            @Parameter(description = "MULTILAYER_MEETING or SUPPORT_MEETING") @RequestParam(name = "kind", required = false) String kind,
            @Parameter(description = "zero-based page", schema = @Schema(type = "integer", defaultValue = "0", minimum = "0"))
            @RequestParam(name = "page", required = false) String page,
            @Parameter(description = "page size", schema = @Schema(type = "integer", defaultValue = "50", minimum = "1", maximum = "500"))
            @RequestParam(name = "size", required = false) String size) {
        Paging paging = QueryParameters.paging(page, size);
        return reader.list(caller, QueryParameters.date("from", from), QueryParameters.date("to", to),
                QueryParameters.oneOf("kind", kind, MeetingKind.class), paging.page(), paging.size());
    }

    @GetMapping("/{meetingId}")
    @PreAuthorize("hasAnyRole('CASEWORKER','COORDINATOR')")
    @Operation(summary = "One meeting, for its convener or an attendee", description = """
            `{meetingId, kind, heldOn, convenerAgencyId, attendees:[{agencyId, acknowledgedAt}], caseIds, \
            decisions:[{caseId, types}]}`. Anyone else, and a meeting that does not exist: 404.""")
    public MeetingRecord one(@AuthenticationPrincipal Caller caller, @PathVariable String meetingId) {
        return reader.read(caller, meetingId);
    }

    @PostMapping
    @PreAuthorize("hasRole('COORDINATOR')")
    @Operation(summary = "Convene a meeting (heldOn within 30 days back and 90 ahead); a MULTILAYER_MEETING needs consent "
            + "in force covering every attendee for every case")
    public ResponseEntity<Object> convene(@AuthenticationPrincipal Caller caller,
                                          @RequestHeader(name = IdempotentWrites.HEADER, required = false) String key,
                                          @Valid @RequestBody MeetingRequests.Convene body) {
        return writes.run(caller, key, List.of("POST /meetings", body), () -> {
            List<String> attendees = body.attendees().stream().map(MeetingRequests.Attendee::agencyId).toList();
            Set<InformationCategory> categories = body.categories() == null || body.categories().isEmpty()
                    ? SupportCase.defaultSharedCategories() : EnumSet.copyOf(body.categories());
            String meetingId = meetings.convene(caller, body.kind(), body.heldOn(), attendees, body.caseIds(), categories);
            return ResponseEntity.created(URI.create("/api/v1/meetings/" + meetingId)).body(Map.of("meetingId", meetingId));
        });
    }

    @PostMapping("/{meetingId}/confidentiality-acknowledgements")
    @PreAuthorize("hasAnyRole('CASEWORKER','COORDINATOR')")
    @Operation(summary = "An attendee acknowledges 守秘義務; needed before a SUPPORT_MEETING attendee sees a case")
    public ResponseEntity<Object> acknowledge(@AuthenticationPrincipal Caller caller, @PathVariable String meetingId,
                                              @RequestHeader(name = IdempotentWrites.HEADER, required = false) String key,
                                              @Valid @RequestBody MeetingRequests.Acknowledgement body) {
        return writes.run(caller, key, List.of("POST /meetings/" + meetingId + "/ack", body), () -> {
            meetings.acknowledge(caller, meetingId, body.agencyId());
            return ResponseEntity.ok(Map.of("meetingId", meetingId, "agencyId", body.agencyId(), "acknowledged", true));
        });
    }

    @PostMapping("/{meetingId}/decisions")
    @PreAuthorize("hasRole('COORDINATOR')")
    @Operation(summary = "Record the meeting's decisions about one case, applied in order; a SUPPORT_MEETING decides "
            + "SET_DIRECTION, REFER and RESOURCE_GAP only")
    public ResponseEntity<Object> decide(@AuthenticationPrincipal Caller caller, @PathVariable String meetingId,
                                         @RequestHeader(name = IdempotentWrites.HEADER, required = false) String key,
                                         @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                         @Valid @RequestBody MeetingRequests.Decisions body) {
        checkFields(body.decisions());
        return writes.run(caller, key, List.of("POST /meetings/" + meetingId + "/decisions", body), () -> {
            List<Decision> decisions = body.decisions().stream().map(d -> toDecision(caller, body.caseId(), d)).toList();
            CaseChange change = meetings.decide(caller, meetingId, body.caseId(), expected(ifMatch), decisions);
            return answer(body.caseId(), change.version(), null, Map.of("meetingId", meetingId));
        });
    }

    private Decision toDecision(Caller caller, String caseId, MeetingRequests.Decision d) {
        List<String> about = d.aboutPersonIds() == null ? List.of() : List.copyOf(d.aboutPersonIds());
        return switch (d.type()) {
            case ACCEPT_FOR_SUPPORT -> new Decision.AcceptForSupport();
            case ADOPT_PLAN -> new Decision.AdoptPlan(
                    d.goals().stream().map(g -> seal(caller, caseId, about, g)).toList(),
                    roles(caller, caseId, about, d.roles()), d.leadAgencyId(), d.reviewOn(), about);
            case APPROVE_PARTICIPATION_SUPPORT -> new Decision.ApproveParticipationSupport(d.partnerAgencyId());
            case EVALUATE -> new Decision.Evaluate(seal(caller, caseId, about, d.evaluation()), about);
            case CLOSE -> new Decision.Close(seal(caller, caseId, about, d.reason()), about);
            case SUSPEND -> new Decision.Suspend(seal(caller, caseId, about, d.reason()), about);
            case RESOURCE_GAP -> new Decision.ResourceGap(seal(caller, caseId, about, d.description()), about);
            case REFER -> new Decision.Refer(d.toAgencyId(), d.categories() == null || d.categories().isEmpty()
                    ? SupportCase.defaultSharedCategories() : EnumSet.copyOf(d.categories()));
            case SET_DIRECTION -> new Decision.SetDirection(seal(caller, caseId, about, d.direction()),
                    Boolean.TRUE.equals(d.watchOver()), roles(caller, caseId, about, d.actions()), d.nextReviewOn(), about);
        };
    }

    private List<PlanRole> roles(Caller caller, String caseId, List<String> about, List<MeetingRequests.Role> roles) {
        return roles == null ? List.of()
                : roles.stream().map(r -> new PlanRole(r.agencyId(), seal(caller, caseId, about, r.task()))).toList();
    }

    private Sealed seal(Caller caller, String caseId, List<String> about, String text) {
        return cases.sealAbout(caller, caseId, about, text);
    }

    /** The fields each decision type needs (API.md "Decisions"), reported per decision, all at once. */
    private static void checkFields(List<MeetingRequests.Decision> decisions) {
        RuleViolation.Fields bad = new RuleViolation.Fields();
        for (int i = 0; i < decisions.size(); i++) {
            MeetingRequests.Decision d = decisions.get(i);
            String at = "decisions[" + i + "].";
            switch (d.type()) {
                case ADOPT_PLAN -> {
                    if (d.goals() == null || d.goals().isEmpty()) missing(bad, at + "goals", "must not be empty");
                    if (d.roles() == null || d.roles().isEmpty()) missing(bad, at + "roles", "must not be empty");
                    if (blank(d.leadAgencyId())) missing(bad, at + "leadAgencyId", "must not be blank");
                    if (d.reviewOn() == null) missing(bad, at + "reviewOn", "must not be null");
                }
                case APPROVE_PARTICIPATION_SUPPORT -> {
                    if (blank(d.partnerAgencyId())) missing(bad, at + "partnerAgencyId", "must not be blank");
                }
                case EVALUATE -> {
                    if (blank(d.evaluation())) missing(bad, at + "evaluation", "must not be blank");
                }
                case CLOSE, SUSPEND -> {
                    if (blank(d.reason())) missing(bad, at + "reason", "must not be blank");
                }
                case RESOURCE_GAP -> {
                    if (blank(d.description())) missing(bad, at + "description", "must not be blank");
                }
                case REFER -> {
                    if (blank(d.toAgencyId())) missing(bad, at + "toAgencyId", "must not be blank");
                }
                case SET_DIRECTION -> {
                    if (blank(d.direction())) missing(bad, at + "direction", "must not be blank");
                }
                case ACCEPT_FOR_SUPPORT -> {
                }
            }
        }
        bad.throwIfAny();
    }

    private static void missing(RuleViolation.Fields bad, String field, String message) {
        bad.add("VALIDATION_FAILED", field, message);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
