package jp.kasane.core.supportcase.commands;

import jp.kasane.core.access.Caller;
import jp.kasane.core.access.CallerCommand;
import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.access.Purpose;
import jp.kasane.core.agency.AgencyType;
import jp.kasane.core.consent.ConsentCapacity;
import jp.kasane.core.consent.ConsentEvidence;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Record consent given by the person or a legal representative, about {@code aboutPersonIds} (empty: the giver).
 * {@code birthDatesOnFile}: the household's birth dates as the application opened them for this one decision (who
 * is a minor today); they are never recorded, only the decision is.
 */
public record GiveConsent(@TargetAggregateIdentifier String caseId, Caller caller, Long expectedVersion, String consentId,
                          String givenByPersonId, ConsentCapacity capacity, List<String> aboutPersonIds,
                          List<String> agencyIds, Set<AgencyType> agencyTypes, Set<Purpose> purposes,
                          Set<InformationCategory> categories, LocalDate validUntil, ConsentEvidence evidence,
                          Map<String, LocalDate> birthDatesOnFile) implements CallerCommand {
}
