package jp.kasane.core.access;

import jp.kasane.core.agency.AgencyType;
import jp.kasane.core.consent.ConsentRecord;
import jp.kasane.core.referral.Referral;
import jp.kasane.core.referral.ReferralBasis;
import jp.kasane.core.referral.ReferralStatus;
import jp.kasane.core.supportcase.CaseState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may see what: the one place that decides, for every read and every write, on which legal basis an agency
 * may know a case and which information categories that basis covers (DOMAIN.md "Who may see a case").
 *
 * <p>It decides on the case as its events stand at {@code now}, never on a projection, so a read one millisecond
 * after a consent is withdrawn is refused. Where several bases apply, the one covering most categories is
 * recorded (ties in the order OWN_RECORD, CONSENT, SUPPORT_MEETING_ART_106_6), because a disclosure has exactly
 * one basis in the ledger. No basis: no decision, and the caller sees what it would see for a missing case.
 */
public final class DisclosurePolicy {

    /** Who reads, as the policy needs it: the caller, its agency's type (consents may name types) and purpose. */
    public record Reader(Caller caller, AgencyType agencyType, Purpose purpose) {
        public String agencyId() {
            return caller.agencyId();
        }
    }

    public Optional<AccessDecision> decide(CaseState c, Reader reader, Instant now) {
        if (c.caseId() == null) {
            return Optional.empty();
        }
        if (reader.caller().has(Role.AUDITOR)) {
            return Optional.of(new AccessDecision(LegalBasis.AUDIT, InformationCategory.all()));
        }
        List<AccessDecision> candidates = new ArrayList<>();
        ownRecord(c, reader, now).ifPresent(candidates::add);
        consent(c, reader, now).ifPresent(candidates::add);
        supportMeeting(c, reader, now).ifPresent(candidates::add);
        return candidates.stream()
                .max(Comparator.<AccessDecision>comparingInt(d -> d.categories().size())
                        .thenComparing(d -> -d.basis().ordinal()));
    }

    /**
     * A read under the APPI vital-interest exception, asked for explicitly with a written justification. If an
     * ordinary basis already covers every category, that basis is used instead: the exception is for when there
     * is no other way.
     */
    public AccessDecision decideVitalInterest(CaseState c, Reader reader, Instant now) {
        return decide(c, reader, now)
                .filter(d -> d.categories().containsAll(InformationCategory.all()))
                .orElse(new AccessDecision(LegalBasis.VITAL_INTEREST, InformationCategory.all()));
    }

    /** Whether the caller may act on the case (record, refer, escalate): any basis but the read-only ones. */
    public boolean mayWrite(CaseState c, Reader reader, Instant now) {
        return decide(c, reader, now)
                .filter(d -> d.basis() != LegalBasis.AUDIT && d.basis() != LegalBasis.VITAL_INTEREST)
                .isPresent();
    }

    /** Whether reading the case is a disclosure that goes to the ledger: any reader but the agency that opened it. */
    public boolean isDisclosure(CaseState c, Reader reader) {
        return !reader.agencyId().equals(c.openingAgencyId()) || reader.caller().has(Role.AUDITOR);
    }

    private Optional<AccessDecision> ownRecord(CaseState c, Reader reader, Instant now) {
        String agency = reader.agencyId();
        if (agency.equals(c.openingAgencyId()) || c.coordinatorAgencyId().filter(agency::equals).isPresent()) {
            return Optional.of(new AccessDecision(LegalBasis.OWN_RECORD, InformationCategory.all()));
        }
        Set<InformationCategory> allowed = EnumSet.noneOf(InformationCategory.class);
        for (Referral r : c.referrals()) {
            if (r.toAgencyId().equals(agency)
                    && (r.status() == ReferralStatus.ACCEPTED || r.status() == ReferralStatus.COMPLETED)
                    && referralBasisHolds(c, r, now)) {
                allowed.addAll(r.categories());
            }
        }
        boolean hasRole = c.plan().map(p -> p.assignsRoleTo(agency)).orElse(false)
                || c.participationPartners().contains(agency);
        if (hasRole) {
            // A plan role is adopted at a 重層的支援会議, which rests on consent: it lasts as long as that consent.
            for (ConsentRecord consent : c.consents()) {
                if (consent.inForceAt(now) && consent.names(agency, reader.agencyType())) {
                    allowed.addAll(consent.categories());
                }
            }
        }
        return allowed.isEmpty() ? Optional.empty() : Optional.of(new AccessDecision(LegalBasis.OWN_RECORD, allowed));
    }

    /** An accepted referral is a holding only while what it rested on holds: withdrawn consent ends it at once. */
    private boolean referralBasisHolds(CaseState c, Referral r, Instant now) {
        if (r.basis() == ReferralBasis.CONSENT) {
            return c.consent(r.consentId()).map(consent -> consent.inForceAt(now)).orElse(false);
        }
        return true;
    }

    private Optional<AccessDecision> consent(CaseState c, Reader reader, Instant now) {
        Set<InformationCategory> allowed = EnumSet.noneOf(InformationCategory.class);
        for (ConsentRecord consent : c.consents()) {
            if (consent.covers(reader.agencyId(), reader.agencyType(), reader.purpose(), now)) {
                allowed.addAll(consent.categories());
            }
        }
        return allowed.isEmpty() ? Optional.empty() : Optional.of(new AccessDecision(LegalBasis.CONSENT, allowed));
    }

    private Optional<AccessDecision> supportMeeting(CaseState c, Reader reader, Instant now) {
        boolean granted = c.meetings().stream().anyMatch(m -> m.grantsSupportMeetingAccess(reader.agencyId(), now));
        return granted
                ? Optional.of(new AccessDecision(LegalBasis.SUPPORT_MEETING_ART_106_6, InformationCategory.all()))
                : Optional.empty();
    }
}
