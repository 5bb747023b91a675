package jp.kasane.core.access;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The answer of the disclosure policy for one reader: on which one legal basis, and what that basis covers,
 * person by person: for each data subject (a household member's person id) the information categories the reader
 * may see about that person. A piece of personal data is shown only when the coverage holds every person it is
 * about in the piece's categories. A refused read has no decision at all (and looks like a missing case).
 */
public record AccessDecision(LegalBasis basis, Map<String, Set<InformationCategory>> coverage) {

    public AccessDecision {
        Map<String, Set<InformationCategory>> copy = new LinkedHashMap<>();
        coverage.forEach((person, categories) -> {
            if (!categories.isEmpty()) {
                copy.put(person, Collections.unmodifiableSet(EnumSet.copyOf(categories)));
            }
        });
        coverage = Collections.unmodifiableMap(copy);
    }

    /** The same categories for every one of {@code persons}. */
    public static AccessDecision of(LegalBasis basis, Collection<String> persons, Set<InformationCategory> categories) {
        Map<String, Set<InformationCategory>> coverage = new LinkedHashMap<>();
        persons.forEach(p -> coverage.put(p, categories));
        return new AccessDecision(basis, coverage);
    }

    /** The persons this basis covers in at least one category. */
    public Set<String> personIds() {
        return coverage.keySet();
    }

    /** Every category covered for at least one person (what the ledger line states beside the persons). */
    public Set<InformationCategory> categories() {
        Set<InformationCategory> all = EnumSet.noneOf(InformationCategory.class);
        coverage.values().forEach(all::addAll);
        return Collections.unmodifiableSet(all);
    }

    public boolean isEmpty() {
        return coverage.isEmpty();
    }

    public boolean covers(String personId, InformationCategory category) {
        return coverage.getOrDefault(personId, Set.of()).contains(category);
    }

    /** Whether every one of {@code persons} is covered in every one of {@code categories}; never for no person. */
    public boolean coversAll(Collection<String> persons, Collection<InformationCategory> categories) {
        if (persons.isEmpty()) {
            return false;
        }
        for (String person : persons) {
            if (!coverage.getOrDefault(person, Set.of()).containsAll(categories)) {
                return false;
            }
        }
        return true;
    }

    /** How much this basis discloses: the number of (person, category) pairs. The wider basis is the one recorded. */
    public int breadth() {
        return coverage.values().stream().mapToInt(Set::size).sum();
    }

    /** Accumulates coverage from several grants (consents, referrals) of one basis. */
    public static final class Builder {
        private final LegalBasis basis;
        private final Map<String, Set<InformationCategory>> coverage = new LinkedHashMap<>();

        public Builder(LegalBasis basis) {
            this.basis = basis;
        }

        public Builder grant(Collection<String> persons, Collection<InformationCategory> categories) {
            if (!categories.isEmpty()) {
                for (String person : persons) {
                    coverage.computeIfAbsent(person, p -> EnumSet.noneOf(InformationCategory.class)).addAll(categories);
                }
            }
            return this;
        }

        public AccessDecision build() {
            return new AccessDecision(basis, coverage);
        }
    }
}
