package jp.kasane.core.supportcase.commands;

import jp.kasane.core.access.Caller;
import jp.kasane.core.access.CallerCommand;
import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.access.Purpose;
import jp.kasane.core.agency.AgencyType;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.Set;

/** Narrow a consent (同意範囲の縮小): each field given replaces the consent's and must lie within it; null keeps it. */
public record NarrowConsent(@TargetAggregateIdentifier String caseId, Caller caller, Long expectedVersion, String consentId,
                            Set<String> aboutPersonIds, Set<String> agencyIds, Set<AgencyType> agencyTypes,
                            Set<Purpose> purposes, Set<InformationCategory> categories, LocalDate validUntil)
        implements CallerCommand {
}
