package jp.kasane.core.supportcase;

import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.personaldata.Sealed;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One consultation (相談). {@code categories} say what kind of information the summary holds (default NOTES;
 * e.g. NOTES + FINANCE for a debt counselling note), {@code aboutPersonIds} whom it is about (default: the case's
 * SELF member; null in events recorded before persons were tracked, which means the same). A reader sees the
 * summary, and the issue flags it raised, only when its basis covers every one of those persons in those categories.
 * {@code consultedBy} says who brought it (null when not recorded, as in events from before it was asked).
 */
public record Consultation(String consultationId, String agencyId, Instant occurredAt, Channel channel,
                           Sealed summary, List<String> issues, Set<InformationCategory> categories,
                           List<String> aboutPersonIds, ConsultedBy consultedBy) {

    public Consultation(String consultationId, String agencyId, Instant occurredAt, Channel channel, Sealed summary,
                        List<String> issues, Set<InformationCategory> categories, List<String> aboutPersonIds) {
        this(consultationId, agencyId, occurredAt, channel, summary, issues, categories, aboutPersonIds, null);
    }

    public Consultation {
        categories = categories == null || categories.isEmpty() ? Set.of(InformationCategory.NOTES) : Set.copyOf(categories);
        issues = issues == null ? List.of() : List.copyOf(issues);
        aboutPersonIds = aboutPersonIds == null ? List.of() : List.copyOf(aboutPersonIds);
    }
}
