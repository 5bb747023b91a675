package jp.kasane.core.supportcase;

import jp.kasane.core.access.Caller;
import jp.kasane.core.access.DisclosurePolicy;
import jp.kasane.core.access.DisclosurePolicy.Reader;
import jp.kasane.core.access.Purpose;
import jp.kasane.core.agency.Agency;
import jp.kasane.core.agency.AgencyDirectory;
import jp.kasane.core.agency.AgencyType;
import jp.kasane.core.calendar.BusinessCalendar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What the case rules need from outside the case: the agency registry, the clock, the business calendar, and the
 * city's settings. Injected into command handlers (Axon resolves it as a handler parameter).
 *
 * @param referralAnswerBusinessDays business days a receiving agency has to answer a referral (default 5)
 * @param supportMeetingAccessAfter  how long after a 支援会議's day its attendees keep Art. 106-6 access
 */
public record CaseRules(AgencyDirectory agencies, Clock clock, BusinessCalendar calendar,
                        int referralAnswerBusinessDays, Duration supportMeetingAccessAfter,
                        DisclosurePolicy policy) {

    public Instant now() {
        return clock.instant();
    }

    /** The caller as the disclosure policy sees it: its agency's type decides the type-wide consents it falls under. */
    public Reader reader(Caller caller, Purpose purpose) {
        AgencyType type = agencies.find(caller.agencyId()).map(Agency::type).orElse(null);
        return new Reader(caller, type, purpose);
    }

    /** Whether the caller may act on the case now (record, refer, escalate, close); else the case does not exist for it. */
    public boolean mayWrite(CaseState state, Caller caller) {
        return policy.mayWrite(state, reader(caller, Purpose.SUPPORT_COORDINATION), now());
    }
}
