package jp.kasane.api.web.support;

import jp.kasane.api.web.error.FieldProblem;
import jp.kasane.api.web.error.ValidationFailed;
import jp.kasane.core.agency.AgencyDirectory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Unknown agency ids are bad input, named by the request's own field ({@code toAgencyId}, {@code agencyIds[1]},
 * {@code decisions[0].roles[2].agencyId}). The case rules refuse them too, but without knowing which field of
 * which request carried them.
 */
@Component
public class AgencyFields {

    private final AgencyDirectory agencies;

    public AgencyFields(AgencyDirectory agencies) {
        this.agencies = agencies;
    }

    /** Refuses the request when {@code agencyId} is not in the registry. */
    public void require(String field, String agencyId) {
        List<FieldProblem> problems = new ArrayList<>();
        check(problems, field, agencyId);
        ValidationFailed.throwIfAny(problems);
    }

    /** Refuses the request when any of {@code agencyIds} is not in the registry. */
    public void requireAll(String field, List<String> agencyIds) {
        List<FieldProblem> problems = new ArrayList<>();
        checkAll(problems, field, agencyIds);
        ValidationFailed.throwIfAny(problems);
    }

    /** Adds a problem for {@code field} when {@code agencyId} is given but not in the registry. */
    public void check(List<FieldProblem> problems, String field, String agencyId) {
        if (agencyId != null && !agencyId.isBlank() && !agencies.exists(agencyId)) {
            problems.add(new FieldProblem(field, "is not an agency in the registry"));
        }
    }

    /** The same for each element of a list, named {@code field[i]}. */
    public void checkAll(List<FieldProblem> problems, String field, List<String> agencyIds) {
        if (agencyIds != null) {
            for (int i = 0; i < agencyIds.size(); i++) {
                check(problems, field + "[" + i + "]", agencyIds.get(i));
            }
        }
    }
}
