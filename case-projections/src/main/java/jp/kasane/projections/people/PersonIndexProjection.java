package jp.kasane.projections.people;

import jp.kasane.core.supportcase.HouseholdMember;
import jp.kasane.core.supportcase.events.CaseOpened;
import jp.kasane.core.supportcase.events.MemberAdded;
import jp.kasane.projections.BatchedProjection;
import jp.kasane.projections.InsertOnlyTable;
import jp.kasane.projections.ReplayTables;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The person index: the case each household member belongs to. A person joins exactly one case (at its opening or
 * later), and stays in its history after leaving the household, so a row never changes; delivered twice, kept once.
 */
@Component
@ProcessingGroup(PersonIndexProjection.PROCESSING_GROUP)
public class PersonIndexProjection extends BatchedProjection {

    public static final String PROCESSING_GROUP = "people";

    private static final InsertOnlyTable PEOPLE =
            new InsertOnlyTable("person_index", "person_id", "person_id", "case_id");

    public PersonIndexProjection(JdbcTemplate jdbc) {
        super(jdbc);
    }

    @ResetHandler
    public void reset() {
        ReplayTables.empty(jdbc, "person_index");
    }

    @EventHandler
    public void on(CaseOpened e) {
        for (HouseholdMember m : e.members()) {
            index(m.personId(), e.caseId());
        }
    }

    @EventHandler
    public void on(MemberAdded e) {
        index(e.member().personId(), e.caseId());
    }

    private void index(String personId, String caseId) {
        writes.insert(PEOPLE, personId, caseId);
    }
}
