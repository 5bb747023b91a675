package jp.kasane.core.consent;

import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.access.Purpose;
import jp.kasane.core.agency.AgencyType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a consent covers: whose data (its data subjects), for which agencies (by id or type), purposes and
 * information categories, until when.
 */
public record ConsentScope(Set<String> aboutPersonIds, Set<String> agencyIds, Set<AgencyType> agencyTypes,
                           Set<Purpose> purposes, Set<InformationCategory> categories, LocalDate validUntil) {

    public ConsentScope {
        aboutPersonIds = Set.copyOf(aboutPersonIds);
        agencyIds = Set.copyOf(agencyIds);
        agencyTypes = Set.copyOf(agencyTypes);
        purposes = Set.copyOf(purposes);
        categories = Set.copyOf(categories);
    }

    /**
     * The fields in which {@code narrower} is not within this scope (empty when it is a narrowing): a narrowing
     * may only remove persons, agencies, purposes and categories, or end the consent earlier.
     */
    public List<String> widenedBy(ConsentScope narrower) {
        List<String> widened = new ArrayList<>();
        if (!aboutPersonIds.containsAll(narrower.aboutPersonIds)) {
            widened.add("aboutPersonIds");
        }
        if (!agencyIds.containsAll(narrower.agencyIds)) {
            widened.add("agencyIds");
        }
        if (!agencyTypes.containsAll(narrower.agencyTypes)) {
            widened.add("agencyTypes");
        }
        if (!purposes.containsAll(narrower.purposes)) {
            widened.add("purposes");
        }
        if (!categories.containsAll(narrower.categories)) {
            widened.add("categories");
        }
        if (narrower.validUntil.isAfter(validUntil)) {
            widened.add("validUntil");
        }
        return widened;
    }
}
