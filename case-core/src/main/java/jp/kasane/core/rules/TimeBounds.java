package jp.kasane.core.rules;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The sane range of every instant and date Kasane takes (docs/api.md "Time bounds"), decided here and asked by the
 * request checks and the aggregates. A value outside is bad input, a 400 naming its field: it would otherwise be
 * stored for good and could stop a projection whose table cannot hold it (a year -999999999, a year 1200).
 */
public final class TimeBounds {

    /** Nothing Kasane records happened, or was born, before this day. */
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1900, 1, 1);
    public static final Instant EARLIEST_INSTANT = Instant.parse("1900-01-01T00:00:00Z");
    /** How far ahead a consent may run, a review may be set or a plan may look: five years. */
    public static final int YEARS_AHEAD = 5;
    /** The latest instant or date a query parameter may name (a search, not a fact: wide, but a real year). */
    public static final LocalDate LATEST_QUERY_DATE = LocalDate.of(9999, 12, 31);
    public static final Instant LATEST_QUERY_INSTANT = Instant.parse("9999-12-31T23:59:59Z");

    private TimeBounds() {
    }

    /** When something happened (a consultation, a note): from 1900 up to now, never in the future. */
    public static boolean isOccurrence(Instant at, Instant now) {
        return !at.isBefore(EARLIEST_INSTANT) && !at.isAfter(now);
    }

    /** A birth date, or a day something was obtained: from 1900 up to today. */
    public static boolean isPastDate(LocalDate date, LocalDate today) {
        return !date.isBefore(EARLIEST_DATE) && !date.isAfter(today);
    }

    /** An approximate year of birth (when the date is not known): from 1900 up to this year. */
    public static boolean isPastYear(int year, LocalDate today) {
        return year >= EARLIEST_DATE.getYear() && year <= today.getYear();
    }

    /** A day ahead (a consent's validUntil, a review date): not after today plus {@link #YEARS_AHEAD} years. */
    public static boolean isTooFarAhead(LocalDate date, LocalDate today) {
        return date.isAfter(today.plusYears(YEARS_AHEAD));
    }

    /** A review date: from 1900 up to today plus {@link #YEARS_AHEAD} years. */
    public static boolean isReviewDate(LocalDate date, LocalDate today) {
        return !date.isBefore(EARLIEST_DATE) && !isTooFarAhead(date, today);
    }

    /** A date or instant named in a query. */
    public static boolean isQueryDate(LocalDate date) {
        return !date.isBefore(EARLIEST_DATE) && !date.isAfter(LATEST_QUERY_DATE);
    }

    public static boolean isQueryInstant(Instant at) {
        return !at.isBefore(EARLIEST_INSTANT) && !at.isAfter(LATEST_QUERY_INSTANT);
    }
}
