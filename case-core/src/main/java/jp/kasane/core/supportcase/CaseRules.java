package jp.kasane.core.supportcase;

import jp.kasane.core.access.Caller;
import jp.kasane.core.access.Role;
import jp.kasane.core.access.Purpose;
import jp.kasane.core.agency.Agency;
import jp.kasane.core.agency.AgencyDirectory;
import jp.kasane.core.agency.AgencyType;
import jp.kasane.core.calendar.BusinessCalendar;
import jp.kasane.core.metadata.RecordingPrecision;
import jp.kasane.core.supportcase.DisclosurePolicy.Reader;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * What the case rules need from outside the case: the agency registry, the clock, the business calendar, the issue
 * catalog and the city's settings. Injected into command handlers (Axon resolves it as a handler parameter).
 *
 * @param referralAnswerBusinessDays business days a receiving agency has to answer a referral (default 5)
 * @param supportMeetingAccessAfter  how long after a 支援会議's day its attendees keep Art. 106-6 access
 */
public record CaseRules(AgencyDirectory agencies, Clock clock, BusinessCalendar calendar,
                        int referralAnswerBusinessDays, Duration supportMeetingAccessAfter,
                        DisclosurePolicy policy, IssueCatalog issues) {

    public static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    public Instant now() {
        return RecordingPrecision.now(clock);
    }

    public LocalDate today() {
        return now().atZone(JAPAN).toLocalDate();
    }

    public AgencyType typeOf(String agencyId) {
        return agencies.find(agencyId).map(Agency::type).orElse(null);
    }

    /** The caller as the disclosure policy sees it: its agency's type decides the type-wide consents it falls under. */
    public Reader reader(Caller caller, Purpose purpose) {
        return new Reader(caller, typeOf(caller.agencyId()), purpose);
    }

    /** Whether the caller holds the case now (and so may act on it); the one question every write asks first. */
    public boolean mayWrite(CaseState state, Caller caller) {
        return policy.holding(state, caller.agencyId(), typeOf(caller.agencyId()), now()).isPresent();
    }

    /**
     * Whether the caller may correct a member's name or birth date: a holder of the case (who learns the name of a
     * person first recorded without one), or an administrator answering the person's request (APPI Art. 34).
     */
    public boolean mayCorrect(CaseState state, Caller caller) {
        return caller.roles().contains(Role.ADMIN) || mayWrite(state, caller);
    }
}
