package jp.kasane.api.web.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.kasane.api.application.DeadLetters;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** Operations: the projections' dead letters, listed and retried by an ADMIN (docs/projections.md). */
@RestController
@RequestMapping("/api/v1/admin/dead-letters")
@Tag(name = "Operations", description = "ADMIN: dead letters of the projections, key rotation")
public class DeadLetterController {

    private final DeadLetters deadLetters;

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Every dead letter (ADMIN)", description = """
            `{items:[{id, projection, caseId, eventType, sequence, error, failedAt}]}`: the event a projection could \\
            not handle, and every later event of the same case queued behind it. No payload, no personal data.""")
    public Map<String, List<DeadLetters.Letter>> list() {
        return Map.of("items", deadLetters.all());
    }

    @PostMapping("/{id}/retry")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Retry one dead letter and the case's events behind it (ADMIN)", description = """
            `{id, handled, remaining}`: `handled` is true when the letter's sequence was handled and left the queue; \\
            a letter that fails again stays with its new error. An unknown id: 404.""")
    public DeadLetters.Retry retry(@PathVariable String id) {
        return deadLetters.retry(id);
    }
}
