package jp.kasane.core.supportcase;

import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.personaldata.Sealed;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One consultation (相談). {@code categories} say what kind of information the summary holds (default NOTES;
 * e.g. NOTES + FINANCE for a debt counselling note), so a reader whose basis does not cover them does not see it.
 */
public record Consultation(String consultationId, String agencyId, Instant occurredAt, Channel channel,
                           Sealed summary, List<String> issues, Set<InformationCategory> categories) {
}
