package jp.kasane.core.meeting;

import jp.kasane.core.agency.AgencyDirectory;

import jp.kasane.core.metadata.RecordingPrecision;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * What the meeting aggregate needs from outside: the agency registry and the clock. Injected into its command
 * handlers (Axon resolves it as a handler parameter).
 */
public record MeetingRules(AgencyDirectory agencies, Clock clock) {

    /** A meeting is recorded from up to this many days after it was held … */
    public static final int HELD_ON_DAYS_BACK = 30;
    /** … and up to this many days before: a date further out would open Art. 106-6 access for years. */
    public static final int HELD_ON_DAYS_AHEAD = 90;

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    public Instant now() {
        return RecordingPrecision.now(clock);
    }

    public LocalDate today() {
        return now().atZone(JAPAN).toLocalDate();
    }

    /** Whether a meeting held on {@code heldOn} may be recorded today. */
    public boolean acceptsHeldOn(LocalDate heldOn) {
        LocalDate today = today();
        return !heldOn.isBefore(today.minusDays(HELD_ON_DAYS_BACK)) && !heldOn.isAfter(today.plusDays(HELD_ON_DAYS_AHEAD));
    }
}
