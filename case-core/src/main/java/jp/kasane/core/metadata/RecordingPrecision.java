package jp.kasane.core.metadata;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The precision of the instants the domain writes into events (givenAt, withdrawnAt, …): milliseconds, the precision
 * of the event store's own timestamps. A projection that asks the rules "who holds the case at this event's
 * timestamp" must find the consent that event gave already in force: with a finer instant inside the payload than
 * the store's timestamp, it would not be, by a few microseconds.
 */
public final class RecordingPrecision {

    private RecordingPrecision() {
    }

    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
