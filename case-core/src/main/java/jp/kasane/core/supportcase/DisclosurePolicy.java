package jp.kasane.core.supportcase;

import jp.kasane.core.access.AccessDecision;
import jp.kasane.core.access.Caller;
import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.access.LegalBasis;
import jp.kasane.core.access.Purpose;
import jp.kasane.core.access.Role;
import jp.kasane.core.agency.AgencyType;
import jp.kasane.core.consent.ConsentRecord;
import jp.kasane.core.meeting.MeetingKind;
import jp.kasane.core.meeting.PlanRole;
import jp.kasane.core.referral.Referral;
import jp.kasane.core.referral.ReferralBasis;
import jp.kasane.core.referral.ReferralStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Who may see what, and who holds a case: the one place that decides, for every read and every write, on which
 * legal basis an agency may know a case, and which information categories that basis covers <em>for each person</em>
 * of the household (DOMAIN.md "Who may see a case", "Consent").
 *
 * <p>It decides on the case as its events stand at {@code now}, never on a projection. Where several bases apply,
 * the one that discloses most (person × category pairs) is recorded, ties in the order OWN_RECORD, CONSENT,
 * SUPPORT_MEETING_ART_106_6, because a disclosure has exactly one basis in the ledger. No basis: no decision, and the
 * caller sees what it would see for a missing case. The caseload asks {@link #holdings} the same questions.
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
            return Optional.of(AccessDecision.of(LegalBasis.AUDIT, c.memberIds(), InformationCategory.all()));
        }
        List<AccessDecision> candidates = new ArrayList<>();
        holding(c, reader.agencyId(), reader.agencyType(), now).ifPresent(candidates::add);
        consent(c, reader, now).ifPresent(candidates::add);
        confidentialMeeting(c, reader.agencyId(), now).ifPresent(candidates::add);
        return candidates.stream()
                .max(Comparator.comparingInt(AccessDecision::breadth)
                        .thenComparing(d -> -d.basis().ordinal()));
    }

    /**
     * A read under the APPI vital-interest exception, asked for explicitly with a written justification. If an
     * ordinary basis already covers every person in every category, that basis is used instead: the exception is
     * for when there is no other way.
     */
    public AccessDecision decideVitalInterest(CaseState c, Reader reader, Instant now) {
        AccessDecision everything = AccessDecision.of(LegalBasis.VITAL_INTEREST, c.memberIds(), InformationCategory.all());
        return decide(c, reader, now)
                .filter(d -> d.coversAll(c.memberIds(), InformationCategory.all()))
                .orElse(everything);
    }

    /**
     * Whether the agency holds the case on its own record (OWN_RECORD) now, and for whom: the agency that opened it
     * (everyone, everything); the receiver of an accepted referral (its persons and categories, while what it rests
     * on holds); the coordinator it was escalated to, a plan role or an approved 参加支援 partner (what the consents in
     * force naming it cover: escalation and plans rest on consent). Only a holder may write on a case.
     */
    public Optional<AccessDecision> holding(CaseState c, String agencyId, AgencyType agencyType, Instant now) {
        if (c.caseId() == null) {
            return Optional.empty();
        }
        if (agencyId.equals(c.openingAgencyId())) {
            return Optional.of(AccessDecision.of(LegalBasis.OWN_RECORD, c.memberIds(), InformationCategory.all()));
        }
        AccessDecision.Builder held = new AccessDecision.Builder(LegalBasis.OWN_RECORD);
        for (Referral r : c.referrals()) {
            if (r.toAgencyId().equals(agencyId)
                    && (r.status() == ReferralStatus.ACCEPTED || r.status() == ReferralStatus.COMPLETED)
                    && referralStillRests(c, r, agencyType, now)) {
                held.grant(r.aboutPersonIds(), r.categories());
            }
        }
        if (holdsOnConsent(c, agencyId)) {
            for (ConsentRecord consent : c.consents()) {
                if (consent.inForceAt(now) && consent.names(agencyId, agencyType)) {
                    held.grant(consent.aboutPersonIds(), consent.categories());
                }
            }
        }
        AccessDecision decision = held.build();
        return decision.isEmpty() ? Optional.empty() : Optional.of(decision);
    }

    /** Whether reading the case is a disclosure that goes to the ledger: any reader but the agency that opened it. */
    public boolean isDisclosure(CaseState c, Reader reader) {
        return !reader.agencyId().equals(c.openingAgencyId()) || reader.caller().has(Role.AUDITOR);
    }

    /**
     * Whether the agency may put the case on the agenda of a meeting of {@code kind}: a holder may; the coordinator
     * the case was escalated to may table it at a meeting whose own legal basis needs no consent (支援会議), which is
     * how it comes to read the case at all when no consent covers it.
     */
    public boolean mayTable(CaseState c, String agencyId, AgencyType agencyType, MeetingKind kind, Instant now) {
        return holding(c, agencyId, agencyType, now).isPresent()
                || (kind.grantsConfidentialAccess() && c.coordinatorAgencyId().filter(agencyId::equals).isPresent());
    }

    /**
     * The attendees a 重層的支援会議 may not discuss the case with: those that neither hold it nor are named by any
     * consent in force for the purpose {@code MULTILAYER_MEETING} and the meeting's categories, about anyone. Every
     * other attendee reads there what its consents cover, person by person (a consent about the mother alone shows
     * the meeting the mother alone).
     */
    public List<String> attendeesWithoutConsent(CaseState c, Collection<String> attendees, Set<InformationCategory> categories,
                                                Function<String, AgencyType> typeOf, Instant now) {
        List<String> uncovered = new ArrayList<>();
        for (String agencyId : attendees) {
            AgencyType type = typeOf.apply(agencyId);
            boolean covered = holding(c, agencyId, type, now).isPresent() || c.consents().stream()
                    .anyMatch(consent -> consent.covers(agencyId, type, Purpose.MULTILAYER_MEETING, now)
                            && !consent.aboutPersonIds().isEmpty() && consent.categories().containsAll(categories));
            if (!covered) {
                uncovered.add(agencyId);
            }
        }
        return uncovered;
    }

    /** The agency holds the case as long as a consent in force names it, when its holding rests on consent. */
    private static boolean holdsOnConsent(CaseState c, String agencyId) {
        return c.coordinatorAgencyId().filter(agencyId::equals).isPresent()
                || c.plan().map(p -> p.assignsRoleTo(agencyId)).orElse(false)
                || c.participationPartners().contains(agencyId);
    }

    /**
     * An accepted referral is a holding only while what it rests on holds: the consent in force, still naming the
     * receiver and still covering the referral's persons and categories. Withdrawal or narrowing ends it at once.
     */
    public boolean referralStillRests(CaseState c, Referral r, AgencyType receiverType, Instant now) {
        if (r.basis() != ReferralBasis.CONSENT) {
            return true;
        }
        return c.consent(r.consentId())
                .filter(consent -> consent.covers(r.toAgencyId(), receiverType, Purpose.SUPPORT_COORDINATION, now)
                        && consent.coversSubjects(Set.copyOf(r.aboutPersonIds()), r.categories()))
                .isPresent();
    }

    private Optional<AccessDecision> consent(CaseState c, Reader reader, Instant now) {
        AccessDecision.Builder allowed = new AccessDecision.Builder(LegalBasis.CONSENT);
        for (ConsentRecord consent : c.consents()) {
            if (consent.covers(reader.agencyId(), reader.agencyType(), reader.purpose(), now)) {
                allowed.grant(consent.aboutPersonIds(), consent.categories());
            }
        }
        AccessDecision decision = allowed.build();
        return decision.isEmpty() ? Optional.empty() : Optional.of(decision);
    }

    /**
     * Art. 106-6: an acknowledged attendee of a 支援会議 on the case, within its window, knows the whole household, as
     * the law allows the meeting; and the receiver of a referral that such a meeting decided, while it is pending,
     * knows what the referral shares.
     */
    private Optional<AccessDecision> confidentialMeeting(CaseState c, String agencyId, Instant now) {
        if (c.meetings().stream().anyMatch(m -> m.grantsSupportMeetingAccess(agencyId, now))) {
            return Optional.of(AccessDecision.of(LegalBasis.SUPPORT_MEETING_ART_106_6, c.memberIds(), InformationCategory.all()));
        }
        AccessDecision.Builder pending = new AccessDecision.Builder(LegalBasis.SUPPORT_MEETING_ART_106_6);
        c.referrals().stream()
                .filter(r -> r.toAgencyId().equals(agencyId) && r.status() == ReferralStatus.REQUESTED
                        && r.basis() == ReferralBasis.SUPPORT_MEETING_ART_106_6)
                .forEach(r -> pending.grant(r.aboutPersonIds(), r.categories()));
        AccessDecision decision = pending.build();
        return decision.isEmpty() ? Optional.empty() : Optional.of(decision);
    }

    // ---- the caseload's questions ---------------------------------------------------------------------------------

    /** The agencies that may hold the case, whoever they are: the candidates {@link #holdings} asks about. */
    public Set<String> possibleHolders(CaseState c) {
        Set<String> agencies = new LinkedHashSet<>();
        agencies.add(c.openingAgencyId());
        c.coordinatorAgencyId().ifPresent(agencies::add);
        c.referrals().forEach(r -> agencies.add(r.toAgencyId()));
        c.plan().ifPresent(p -> {
            if (p.leadAgencyId() != null) {
                agencies.add(p.leadAgencyId());
            }
            p.roles().stream().map(PlanRole::agencyId).forEach(agencies::add);
        });
        agencies.addAll(c.participationPartners());
        return agencies;
    }

    /** Who holds the case at {@code at}, and for whom: each holder with what its holding covers. */
    public Map<String, AccessDecision> holdings(CaseState c, Instant at, Function<String, AgencyType> typeOf) {
        Map<String, AccessDecision> holders = new LinkedHashMap<>();
        for (String agencyId : possibleHolders(c)) {
            holding(c, agencyId, typeOf.apply(agencyId), at).ifPresent(h -> holders.put(agencyId, h));
        }
        return holders;
    }

    /**
     * The instants after {@code at} at which a holding may change without a new event: the ends of the consents'
     * validity. Between two of them (and after the last) {@link #holdings} answers the same.
     */
    public List<Instant> holdingsChangeAfter(CaseState c, Instant at) {
        TreeSet<Instant> instants = new TreeSet<>();
        for (ConsentRecord consent : c.consents()) {
            if (consent.withdrawnAt() == null && consent.expiresAt().isAfter(at)) {
                instants.add(consent.expiresAt());
            }
        }
        return List.copyOf(instants);
    }
}
