package jp.kasane.core.supportcase;

import jp.kasane.core.access.DisclosurePolicy;
import jp.kasane.core.agency.AgencyDirectory;
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
}
