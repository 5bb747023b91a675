package jp.kasane.core.agency;

import java.util.List;
import java.util.Optional;

/** The city's agency registry, as the domain needs it. */
public interface AgencyDirectory {

    /** What an id that names no agency of the registry is told, wherever it is refused. */
    String NOT_REGISTERED = "is not an agency in the registry";

    Optional<Agency> find(String agencyId);

    List<Agency> all();

    default boolean exists(String agencyId) {
        return find(agencyId).isPresent();
    }
}
