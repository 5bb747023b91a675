package jp.kasane.core.metadata;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What every stored event carries beside its payload: who caused it (agency, actor), when it happened and when the
 * application recorded it, and the HTTP request it came from. The web layer writes these keys; projections and the
 * audit trail read them.
 */
public final class EventMetadata {

    public static final String AGENCY_ID = "agencyId";
    public static final String ACTOR = "actor";
    public static final String OCCURRED_AT = "occurredAt";
    /** When the application recorded the fact, by its clock (the event store's own timestamp is the fallback). */
    public static final String RECORDED_AT = "recordedAt";
    public static final String CORRELATION_ID = "correlationId";

    private EventMetadata() {
    }

    /** An instant as metadata holds it (an {@link Instant}, or ISO-8601 text once stored); null if absent or not one. */
    public static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.toString());
        } catch (DateTimeParseException notAnInstant) {
            return null;
        }
    }

    /** When the application recorded the event: the {@link #RECORDED_AT} value, else the event store's timestamp. */
    public static Instant recordedAt(Object recordedAtValue, Instant storeTimestamp) {
        Instant recorded = instant(recordedAtValue);
        return recorded != null ? recorded : storeTimestamp;
    }
}
