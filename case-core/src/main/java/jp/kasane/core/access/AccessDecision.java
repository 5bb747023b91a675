package jp.kasane.core.access;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The answer of the {@link DisclosurePolicy} for one read: on which legal basis, and which information
 * categories that basis allows. A refused read has no decision at all (and looks like a missing case).
 */
public record AccessDecision(LegalBasis basis, Set<InformationCategory> categories) {

    public AccessDecision {
        categories = categories.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(InformationCategory.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(categories));
    }

    public boolean covers(InformationCategory category) {
        return categories.contains(category);
    }

    public boolean coversAll(Set<InformationCategory> wanted) {
        return categories.containsAll(wanted);
    }
}
