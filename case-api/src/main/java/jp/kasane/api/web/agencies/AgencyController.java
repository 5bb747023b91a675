package jp.kasane.api.web.agencies;

import jp.kasane.api.agency.JdbcAgencyDirectory;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jp.kasane.core.agency.Agency;
import jp.kasane.core.rules.RuleViolation;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.Comparator;

/** The agency registry (機関): read by every caller, extended by an ADMIN. */
@RestController
@RequestMapping("/api/v1/agencies")
@Tag(name = "Agencies", description = "The municipality's agency registry")
public class AgencyController {

    private final JdbcAgencyDirectory directory;

    public AgencyController(JdbcAgencyDirectory directory) {
        this.directory = directory;
    }

    @GetMapping
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "Every agency of the registry, sorted by id")
    public AgencyView.Page list() {
        return new AgencyView.Page(directory.all().stream()
                .sorted(Comparator.comparing(Agency::id))
                .map(AgencyView::of)
                .toList());
    }

    @GetMapping("/{agencyId}")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "One agency")
    public AgencyView one(@PathVariable String agencyId) {
        return directory.find(agencyId).map(AgencyView::of)
                .orElseThrow(() -> new RuleViolation(RuleViolation.Kind.NOT_FOUND, "NOT_FOUND", "No such agency"));
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Add an agency (ADMIN)", description = "201 with the agency; 409 AGENCY_EXISTS when the id is taken")
    public ResponseEntity<AgencyView> add(@Valid @RequestBody NewAgencyRequest request) {
        Agency agency = request.toAgency();
        if (!directory.add(agency)) {
            throw RuleViolation.conflict("AGENCY_EXISTS", "An agency with id " + agency.id() + " already exists");
        }
        return ResponseEntity
                .created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(agency.id()).toUri())
                .body(AgencyView.of(agency));
    }
}
