package jp.kasane.api.web.meetings;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jp.kasane.api.application.CaseService;
import jp.kasane.api.application.MeetingService;
import jp.kasane.api.web.error.FieldProblem;
import jp.kasane.api.web.error.ValidationFailed;
import jp.kasane.api.web.idempotency.IdempotentWrites;
import jp.kasane.api.web.support.AgencyFields;
import jp.kasane.core.access.Caller;
import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.meeting.Decision;
import jp.kasane.core.meeting.PlanRole;
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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static jp.kasane.api.web.support.Versions.answer;
import static jp.kasane.api.web.support.Versions.expected;

/** Meetings: 重層的支援会議 (with consent) and 支援会議 (Art. 106-6, 守秘義務), and their decisions per case. */
@RestController
@RequestMapping("/api/v1/meetings")
@Tag(name = "Meetings", description = "重層的支援会議 / 支援会議: convene, acknowledge 守秘義務, decide")
public class MeetingController {

    private final MeetingService meetings;
    private final CaseService cases;
    private final IdempotentWrites writes;
    private final AgencyFields agencyFields;

    public MeetingController(MeetingService meetings, CaseService cases, IdempotentWrites writes, AgencyFields agencyFields) {
        this.meetings = meetings;
        this.cases = cases;
        this.writes = writes;
        this.agencyFields = agencyFields;
    }

    @PostMapping
    @PreAuthorize("hasRole('COORDINATOR')")
    @Operation(summary = "Convene a meeting; a MULTILAYER_MEETING needs consent in force covering every attendee for every case")
    public ResponseEntity<Object> convene(@AuthenticationPrincipal Caller caller,
                                          @RequestHeader(name = IdempotentWrites.HEADER, required = false) String key,
                                          @Valid @RequestBody MeetingRequests.Convene body) {
        List<FieldProblem> unknown = new ArrayList<>();
        for (int i = 0; i < body.attendees().size(); i++) {
            agencyFields.check(unknown, "attendees[" + i + "].agencyId", body.attendees().get(i).agencyId());
        }
        ValidationFailed.throwIfAny(unknown);
        return writes.run(caller, key, List.of("POST /meetings", body), () -> {
            var attendees = new LinkedHashSet<String>();
            body.attendees().forEach(a -> attendees.add(a.agencyId()));
            String meetingId = meetings.convene(caller, body.kind(), body.heldOn(), attendees, body.caseIds());
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
    @Operation(summary = "Record the meeting's decisions about one case, applied in order")
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
        return switch (d.type()) {
            case ACCEPT_FOR_SUPPORT -> new Decision.AcceptForSupport();
            case ADOPT_PLAN -> new Decision.AdoptPlan(
                    d.goals().stream().map(g -> cases.sealFor(caller, caseId, g)).toList(),
                    d.roles().stream().map(r -> new PlanRole(r.agencyId(), cases.sealFor(caller, caseId, r.task()))).toList(),
                    d.leadAgencyId(), d.reviewOn());
            case APPROVE_PARTICIPATION_SUPPORT -> new Decision.ApproveParticipationSupport(d.partnerAgencyId());
            case EVALUATE -> new Decision.Evaluate(cases.sealFor(caller, caseId, d.evaluation()));
            case CLOSE -> new Decision.Close(cases.sealFor(caller, caseId, d.reason()));
            case SUSPEND -> new Decision.Suspend(cases.sealFor(caller, caseId, d.reason()));
            case RESOURCE_GAP -> new Decision.ResourceGap(cases.sealFor(caller, caseId, d.description()));
            case REFER -> new Decision.Refer(d.toAgencyId(), d.categories() == null || d.categories().isEmpty()
                    ? EnumSet.of(InformationCategory.BASIC) : EnumSet.copyOf(d.categories()));
        };
    }

    /** The fields each decision type needs (API.md "Decisions"), reported per decision like Bean Validation does. */
    private void checkFields(List<MeetingRequests.Decision> decisions) {
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) {
            MeetingRequests.Decision d = decisions.get(i);
            String at = "decisions[" + i + "].";
            agencyFields.check(problems, at + "leadAgencyId", d.leadAgencyId());
            agencyFields.check(problems, at + "partnerAgencyId", d.partnerAgencyId());
            agencyFields.check(problems, at + "toAgencyId", d.toAgencyId());
            if (d.roles() != null) {
                for (int r = 0; r < d.roles().size(); r++) {
                    agencyFields.check(problems, at + "roles[" + r + "].agencyId", d.roles().get(r).agencyId());
                }
            }
            switch (d.type()) {
                case ADOPT_PLAN -> {
                    if (d.goals() == null || d.goals().isEmpty()) problems.add(new FieldProblem(at + "goals", "must not be empty"));
                    if (d.roles() == null || d.roles().isEmpty()) problems.add(new FieldProblem(at + "roles", "must not be empty"));
                    if (blank(d.leadAgencyId())) problems.add(new FieldProblem(at + "leadAgencyId", "must not be blank"));
                    if (d.reviewOn() == null) problems.add(new FieldProblem(at + "reviewOn", "must not be null"));
                }
                case APPROVE_PARTICIPATION_SUPPORT -> {
                    if (blank(d.partnerAgencyId())) problems.add(new FieldProblem(at + "partnerAgencyId", "must not be blank"));
                }
                case EVALUATE -> {
                    if (blank(d.evaluation())) problems.add(new FieldProblem(at + "evaluation", "must not be blank"));
                }
                case CLOSE, SUSPEND -> {
                    if (blank(d.reason())) problems.add(new FieldProblem(at + "reason", "must not be blank"));
                }
                case RESOURCE_GAP -> {
                    if (blank(d.description())) problems.add(new FieldProblem(at + "description", "must not be blank"));
                }
                case REFER -> {
                    if (blank(d.toAgencyId())) problems.add(new FieldProblem(at + "toAgencyId", "must not be blank"));
                }
                case ACCEPT_FOR_SUPPORT -> {
                }
            }
        }
        ValidationFailed.throwIfAny(problems);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
