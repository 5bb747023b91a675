package jp.kasane.core.supportcase.commands;

import java.util.List;
import java.util.Set;
import jp.kasane.core.access.Caller;
import jp.kasane.core.access.CallerCommand;
import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.personaldata.Sealed;
import jp.kasane.core.referral.ReferralBasis;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Refer the case to another agency (つなぎ). */
public record RequestReferral(@TargetAggregateIdentifier String caseId, Caller caller, Long expectedVersion, String referralId, String toAgencyId, Sealed reason, ReferralBasis basis, Set<InformationCategory> categories, List<String> aboutPersonIds) implements CallerCommand {
}
