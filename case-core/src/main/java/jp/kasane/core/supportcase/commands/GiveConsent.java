package jp.kasane.core.supportcase.commands;

import java.time.LocalDate;
import java.util.Set;
import jp.kasane.core.access.Caller;
import jp.kasane.core.access.CallerCommand;
import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.access.Purpose;
import jp.kasane.core.agency.AgencyType;
import jp.kasane.core.consent.ConsentCapacity;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record consent given by the person or a legal representative. */
public record GiveConsent(@TargetAggregateIdentifier String caseId, Caller caller, Long expectedVersion, String consentId, String givenByPersonId, ConsentCapacity capacity, Set<String> agencyIds, Set<AgencyType> agencyTypes, Set<Purpose> purposes, Set<InformationCategory> categories, LocalDate validUntil) implements CallerCommand {
}
