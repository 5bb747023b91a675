package jp.kasane.core.agency;

import java.util.List;
import java.util.Optional;

/** The city's agency registry, as the domain needs it. */
public interface AgencyDirectory {

    Optional<Agency> find(String agencyId);

    List<Agency> all();

    default boolean exists(String agencyId) {
        return find(agencyId).isPresent();
    }
}
