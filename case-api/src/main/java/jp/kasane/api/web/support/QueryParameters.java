package jp.kasane.api.web.support;

import jp.kasane.core.rules.RuleViolation;
import jp.kasane.core.rules.TimeBounds;
import jp.kasane.projections.Page;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Query parameters arrive as text so that a malformed one is a 400 naming the parameter ({@code errors[].field}),
 * not Spring's generic type-mismatch answer. Blank means absent.
 */
public final class QueryParameters {

    /** Zero-based page and its size, checked against {@link Page#MAX_SIZE}. */
    public record Paging(int page, int size) {
    }

    public static final int DEFAULT_PAGE_SIZE = 50;

    private QueryParameters() {
    }

    public static Paging paging(String page, String size) {
        return new Paging(integer("page", page, 0, 0, Integer.MAX_VALUE),
                integer("size", size, DEFAULT_PAGE_SIZE, 1, Page.MAX_SIZE));
    }

    public static int integer(String name, String value, int defaultValue, int min, int max) {
        if (isAbsent(value)) {
            return defaultValue;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw RuleViolation.invalid("INVALID_PARAMETER", name, "must be an integer");
        }
        if (parsed < min || parsed > max) {
            throw RuleViolation.invalid("INVALID_PARAMETER", name, "must be between " + min + " and " + max);
        }
        return parsed;
    }

    public static Boolean bool(String name, String value) {
        if (isAbsent(value)) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw RuleViolation.invalid("INVALID_PARAMETER", name, "must be true or false");
        };
    }

    /** An ISO-8601 instant, with a zone ({@code Z} or an offset such as {@code +09:00}). */
    public static Instant instant(String name, String value) {
        if (isAbsent(value)) {
            return null;
        }
        String v = value.trim();
        Instant at;
        try {
            at = Instant.parse(v);
        } catch (DateTimeParseException e) {
            try {
                at = OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e2) {
                throw RuleViolation.invalid("INVALID_PARAMETER", name, "must be an ISO-8601 instant, e.g. 2026-04-01T09:30:00Z");
            }
        }
        if (!TimeBounds.isQueryInstant(at)) {
            throw RuleViolation.invalid("OUT_OF_RANGE", name, "must lie between " + TimeBounds.EARLIEST_INSTANT + " and "
                    + TimeBounds.LATEST_QUERY_INSTANT);
        }
        return at;
    }

    /** An ISO-8601 date such as {@code 2026-04-01}. */
    public static LocalDate date(String name, String value) {
        if (isAbsent(value)) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw RuleViolation.invalid("INVALID_PARAMETER", name, "must be an ISO-8601 date, e.g. 2026-04-01");
        }
        if (!TimeBounds.isQueryDate(date)) {
            throw RuleViolation.invalid("OUT_OF_RANGE", name, "must lie between " + TimeBounds.EARLIEST_DATE + " and "
                    + TimeBounds.LATEST_QUERY_DATE);
        }
        return date;
    }

    public static <E extends Enum<E>> E oneOf(String name, String value, Class<E> type) {
        if (isAbsent(value)) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw RuleViolation.invalid("INVALID_PARAMETER", name, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    public static String text(String value) {
        return isAbsent(value) ? null : value.trim();
    }

    private static boolean isAbsent(String value) {
        return value == null || value.isBlank();
    }
}
