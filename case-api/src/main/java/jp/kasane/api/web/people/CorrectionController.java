package jp.kasane.api.web.people;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jp.kasane.api.application.CaseService;
import jp.kasane.api.web.cases.CaseRequests;
import jp.kasane.api.web.idempotency.IdempotentWrites;
import jp.kasane.core.access.Caller;
import jp.kasane.core.rules.RuleViolation;
import jp.kasane.core.supportcase.commands.CaseChange;
import jp.kasane.projections.people.PersonIndexQueries;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

import static jp.kasane.api.web.support.Versions.answer;

/**
 * The person's right to have their data corrected (訂正, APPI Art. 34), answered by an administrator: the person is
 * found by id alone (the person index), and the correction is recorded on their case as any holder's would be.
 */
@RestController
@RequestMapping("/api/v1/people")
@Tag(name = "People", description = "個人情報の訂正: a person's request to correct their name or birth date (ADMIN)")
public class CorrectionController {

    private final PersonIndexQueries people;
    private final CaseService cases;
    private final IdempotentWrites writes;

    public CorrectionController(PersonIndexQueries people, CaseService cases, IdempotentWrites writes) {
        this.people = people;
        this.cases = cases;
        this.writes = writes;
    }

    @PostMapping("/{personId}/corrections")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Correct a person's name or birth date at their request (ADMIN)", description = """
            `{field: name | birthDate, value, reason}` → `200 {caseId, personId, version}`. The case view shows the \
            new value; the case's history keeps the earlier one (the correction is an event, `PersonalDataCorrected`). \
            Allowed in every phase, a closed case included. A person id no case holds is a `404`; an erased person is \
            `409 PERSONAL_DATA_ERASED`. The person index follows the events within a second or so: a person added \
            that very moment may still be a `404`.""")
    public ResponseEntity<Object> correct(@AuthenticationPrincipal Caller caller, @PathVariable String personId,
                                          @RequestHeader(name = IdempotentWrites.HEADER, required = false) String key,
                                          @Valid @RequestBody CaseRequests.Correction body) {
        return writes.run(caller, key, List.of("POST /people/corrections", personId, body), () -> {
            String caseId = people.caseOf(personId).orElseThrow(RuleViolation::notFound);
            CaseChange change = cases.correct(caller, caseId, null, personId, body.field(), body.value(), body.reason());
            return answer(caseId, change.version(), null, Map.of("personId", personId));
        });
    }
}
