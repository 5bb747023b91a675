package jp.kasane.core.calendar;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.Year;
import java.time.ZoneId;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The business days of a Japanese municipal office, for referral answer deadlines (つなぎの回答期限).
 *
 * <p>A day is <em>not</em> a business day when it is a Saturday or Sunday, a public holiday under 国民の祝日に関する法律
 * (祝日, 振替休日 under Art. 3(2) and 国民の休日 under Art. 3(3)), or one of the configured office closures (by
 * default 年末年始, December 29 to January 3).
 *
 * <p>The holidays come from Jollyday's Japanese calendar. Jollyday 1.8.1's Japan data is incomplete, so this class
 * completes it by the rules of the law rather than by a typed list of dates:
 * <ul>
 *   <li>春分の日 and 秋分の日 are missing from Jollyday: they are computed with the standard astronomical
 *       approximation (valid 1980–2099). The law leaves the exact date to the 国立天文台's 暦要項, published each
 *       February for the following year; the approximation has matched every published date of this century.</li>
 *   <li>天皇誕生日: Jollyday still has December 23, which stopped being a holiday after 2018; from 2020 it is
 *       February 23.</li>
 *   <li>振替休日: Jollyday only moves 文化の日; the general rule (a 祝日 on a Sunday makes the next day that is not
 *       a 祝日 a holiday) is applied here to every 祝日.</li>
 *   <li>国民の休日: recomputed here from the completed set (Jollyday computes it from its incomplete one).</li>
 * </ul>
 * The one-off holidays of 2019–2021 (enthronement, Olympic moves) are not modelled, so years before
 * {@value #FIRST_SUPPORTED_YEAR} are refused rather than answered wrongly.
 *
 * <p>Holiday sets are computed once per year and cached; instances are thread-safe and meant to be shared.
 */
public final class BusinessCalendar {

    /** Dates are business dates in Japan: a day starts and ends at 00:00 JST. */
    public static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    /** 年末年始: municipal offices are closed from December 29 to January 3. */
    public static final Set<MonthDay> YEAR_END_CLOSURES = Set.of(
            MonthDay.of(Month.DECEMBER, 29), MonthDay.of(Month.DECEMBER, 30), MonthDay.of(Month.DECEMBER, 31),
            MonthDay.of(Month.JANUARY, 1), MonthDay.of(Month.JANUARY, 2), MonthDay.of(Month.JANUARY, 3));

    /** First year whose holidays follow the general rules only (no special one-off law since 2022). */
    public static final int FIRST_SUPPORTED_YEAR = 2022;
    /** Last year for which the equinox approximation is valid. */
    public static final int LAST_SUPPORTED_YEAR = 2099;

    private static final String JOLLYDAY_BRIDGING_KEY = "BRIDGING_HOLIDAY";
    private static final String JOLLYDAY_EMPERORS_BIRTHDAY_KEY = "EMPERORS_BIRTHDAY";

    private final HolidayManager holidayManager;
    private final Set<MonthDay> closures;
    private final Map<Integer, SortedSet<LocalDate>> publicHolidaysByYear = new ConcurrentHashMap<>();
    private final Map<Integer, Set<LocalDate>> nonBusinessDaysByYear = new ConcurrentHashMap<>();

    /** Japanese public holidays, weekends and 年末年始 (12/29–1/3). */
    public BusinessCalendar() {
        this(YEAR_END_CLOSURES);
    }

    /**
     * Japanese public holidays and weekends, plus the given office closures every year.
     *
     * @param closures days of the year on which the offices are closed (e.g. {@link #YEAR_END_CLOSURES}); empty for
     *                 none
     */
    public BusinessCalendar(Set<MonthDay> closures) {
        this.closures = Set.copyOf(Objects.requireNonNull(closures, "closures"));
        this.holidayManager = HolidayManager.getInstance(ManagerParameters.create(HolidayCalendar.JAPAN));
    }

    /** The office closures (month-days) this calendar applies every year. */
    public Set<MonthDay> closures() {
        return closures;
    }

    /** Whether {@code date} is a weekday that is neither a public holiday nor an office closure. */
    public boolean isBusinessDay(LocalDate date) {
        Objects.requireNonNull(date, "date");
        DayOfWeek dow = date.getDayOfWeek();
        if (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY) {
            return false;
        }
        return !nonBusinessDays(date.getYear()).contains(date);
    }

    /**
     * The {@code businessDays}-th business day after {@code from}; {@code from} itself never counts, whether or not
     * it is a business day. {@code addBusinessDays(d, 0)} is {@code d}.
     */
    public LocalDate addBusinessDays(LocalDate from, int businessDays) {
        Objects.requireNonNull(from, "from");
        if (businessDays < 0) {
            throw new IllegalArgumentException("businessDays must not be negative: " + businessDays);
        }
        LocalDate day = from;
        int counted = 0;
        while (counted < businessDays) {
            day = day.plusDays(1);
            if (isBusinessDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /**
     * When an answer to a request made at {@code requestedAt} is due: the end of the {@code businessDays}-th
     * business day after the request day in Asia/Tokyo, i.e. 00:00 JST of the day after that business day. The
     * request day itself does not count.
     */
    public Instant answerDueAt(Instant requestedAt, int businessDays) {
        Objects.requireNonNull(requestedAt, "requestedAt");
        LocalDate requestDay = LocalDate.ofInstant(requestedAt, TOKYO);
        LocalDate lastDay = addBusinessDays(requestDay, businessDays);
        return lastDay.plusDays(1).atStartOfDay(TOKYO).toInstant();
    }

    /**
     * The public holidays of {@code year}: 国民の祝日, 振替休日 and 国民の休日 (weekends and office closures not
     * included).
     */
    public SortedSet<LocalDate> publicHolidays(int year) {
        checkSupported(year);
        return publicHolidaysByYear.computeIfAbsent(year, this::computePublicHolidays);
    }

    private Set<LocalDate> nonBusinessDays(int year) {
        checkSupported(year);
        return nonBusinessDaysByYear.computeIfAbsent(year, y -> {
            Set<LocalDate> days = new HashSet<>(publicHolidays(y));
            for (MonthDay closure : closures) {
                if (closure.isValidYear(y)) {
                    days.add(closure.atYear(y));
                }
            }
            return Set.copyOf(days);
        });
    }

    private SortedSet<LocalDate> computePublicHolidays(int year) {
        // 国民の祝日 as such, on their own dates (before any Jollyday moving condition).
        Set<LocalDate> shukujitsu = new TreeSet<>();
        for (Holiday holiday : holidayManager.getHolidays(Year.of(year))) {
            if (holiday.getType() != HolidayType.PUBLIC_HOLIDAY
                    || JOLLYDAY_BRIDGING_KEY.equals(holiday.getPropertiesKey())) {
                continue;
            }
            if (JOLLYDAY_EMPERORS_BIRTHDAY_KEY.equals(holiday.getPropertiesKey())
                    && holiday.getActualDate().getMonth() == Month.DECEMBER && year >= 2019) {
                continue; // December 23 was 天皇誕生日 only until 2018
            }
            shukujitsu.add(holiday.getActualDate());
        }
        if (year >= 2020) {
            shukujitsu.add(LocalDate.of(year, Month.FEBRUARY, 23)); // 天皇誕生日
        }
        shukujitsu.add(vernalEquinoxDay(year));
        shukujitsu.add(autumnalEquinoxDay(year));

        SortedSet<LocalDate> holidays = new TreeSet<>(shukujitsu);
        for (LocalDate day : shukujitsu) {
            // Art. 3(2) 振替休日: a 祝日 on a Sunday makes the nearest following day that is not a 祝日 a holiday.
            if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                LocalDate substitute = day.plusDays(1);
                while (shukujitsu.contains(substitute)) {
                    substitute = substitute.plusDays(1);
                }
                holidays.add(substitute);
            }
            // Art. 3(3) 国民の休日: a day that is not a 祝日 between two 祝日 is a holiday.
            LocalDate next = day.plusDays(1);
            if (!shukujitsu.contains(next) && shukujitsu.contains(day.plusDays(2))) {
                holidays.add(next);
            }
        }
        return Collections.unmodifiableSortedSet(holidays);
    }

    /** 春分の日 by the standard approximation of the March equinox in JST (valid 1980–2099). */
    static LocalDate vernalEquinoxDay(int year) {
        int y = year - 1980;
        int day = (int) Math.floor(20.8431 + 0.242194 * y) - Math.floorDiv(y, 4);
        return LocalDate.of(year, Month.MARCH, day);
    }

    /** 秋分の日 by the standard approximation of the September equinox in JST (valid 1980–2099). */
    static LocalDate autumnalEquinoxDay(int year) {
        int y = year - 1980;
        int day = (int) Math.floor(23.2488 + 0.242194 * y) - Math.floorDiv(y, 4);
        return LocalDate.of(year, Month.SEPTEMBER, day);
    }

    private static void checkSupported(int year) {
        if (year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
            throw new IllegalArgumentException("The business calendar covers " + FIRST_SUPPORTED_YEAR + "–"
                    + LAST_SUPPORTED_YEAR + ", not " + year);
        }
    }
}
