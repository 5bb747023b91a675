package jp.kasane.core.calendar;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BusinessCalendarTest {

    private static final ZoneOffset JST = ZoneOffset.ofHours(9);
    private final BusinessCalendar calendar = new BusinessCalendar();

    private static Instant jst(int y, int m, int d, int hour, int minute) {
        return OffsetDateTime.of(y, m, d, hour, minute, 0, 0, JST).toInstant();
    }

    /** 00:00 JST of the day after {@code y-m-d}: the end of that day. */
    private static Instant endOf(int y, int m, int d) {
        return LocalDate.of(y, m, d).plusDays(1).atStartOfDay(BusinessCalendar.TOKYO).toInstant();
    }

    private static LocalDate date(int y, int m, int d) {
        return LocalDate.of(y, m, d);
    }

    @Test
    void holidays2026MatchTheCabinetOfficeList() {
        // 内閣府「令和8年（2026年）の国民の祝日」, incl. 5/6 (振替休日) and 9/22 (国民の休日).
        assertThat(calendar.publicHolidays(2026)).containsExactly(
                date(2026, 1, 1), date(2026, 1, 12), date(2026, 2, 11), date(2026, 2, 23), date(2026, 3, 20),
                date(2026, 4, 29), date(2026, 5, 3), date(2026, 5, 4), date(2026, 5, 5), date(2026, 5, 6),
                date(2026, 7, 20), date(2026, 8, 11), date(2026, 9, 21), date(2026, 9, 22), date(2026, 9, 23),
                date(2026, 10, 12), date(2026, 11, 3), date(2026, 11, 23));
    }

    @Test
    void holidays2027MatchTheCabinetOfficeList() {
        // 内閣府, announced 2026-02-02: 春分の日 3/21 is a Sunday, so 3/22 is a 振替休日.
        assertThat(calendar.publicHolidays(2027)).containsExactly(
                date(2027, 1, 1), date(2027, 1, 11), date(2027, 2, 11), date(2027, 2, 23), date(2027, 3, 21),
                date(2027, 3, 22), date(2027, 4, 29), date(2027, 5, 3), date(2027, 5, 4), date(2027, 5, 5),
                date(2027, 7, 19), date(2027, 8, 11), date(2027, 9, 20), date(2027, 9, 23), date(2027, 10, 11),
                date(2027, 11, 3), date(2027, 11, 23));
    }

    @Test
    void equinoxApproximationMatchesThePublishedDates() {
        // 国立天文台 暦要項 for 2022–2027.
        List<LocalDate> published = List.of(
                date(2022, 3, 21), date(2022, 9, 23), date(2023, 3, 21), date(2023, 9, 23),
                date(2024, 3, 20), date(2024, 9, 22), date(2025, 3, 20), date(2025, 9, 23),
                date(2026, 3, 20), date(2026, 9, 23), date(2027, 3, 21), date(2027, 9, 23));
        for (LocalDate day : published) {
            LocalDate computed = day.getMonthValue() == 3
                    ? BusinessCalendar.vernalEquinoxDay(day.getYear())
                    : BusinessCalendar.autumnalEquinoxDay(day.getYear());
            assertThat(computed).as("equinox day in %s", day).isEqualTo(day);
            assertThat(calendar.isBusinessDay(day)).isFalse();
        }
        // 2024-09-22 was a Sunday: 2024-09-23 was its 振替休日.
        assertThat(calendar.publicHolidays(2024)).contains(date(2024, 9, 23));
    }

    @Test
    void goldenWeek2026IsSkipped() {
        // Thu 4/30 request. 5/1 Fri (1); 5/2 Sat, 5/3 Sun 憲法記念日, 5/4 みどりの日, 5/5 こどもの日, 5/6 振替休日;
        // 5/7 Thu (2), 5/8 Fri (3); weekend; 5/11 Mon (4), 5/12 Tue (5).
        assertThat(date(2026, 4, 30).getDayOfWeek()).isEqualTo(DayOfWeek.THURSDAY);
        assertThat(calendar.addBusinessDays(date(2026, 4, 30), 5)).isEqualTo(date(2026, 5, 12));
        assertThat(calendar.answerDueAt(jst(2026, 4, 30, 10, 0), 5)).isEqualTo(endOf(2026, 5, 12))
                .isEqualTo(Instant.parse("2026-05-12T15:00:00Z"));
        assertThat(calendar.isBusinessDay(date(2026, 5, 6))).isFalse();
    }

    @Test
    void theRequestDayIsTheDayInTokyoNotInUtc() {
        // 23:59 JST on 4/30 is still a 4/30 request ...
        assertThat(calendar.answerDueAt(Instant.parse("2026-04-30T14:59:00Z"), 5)).isEqualTo(endOf(2026, 5, 12));
        // ... 01:00 JST on 5/1 (still 4/30 in UTC) is a 5/1 request: 5/7, 5/8, 5/11, 5/12, 5/13.
        assertThat(calendar.answerDueAt(Instant.parse("2026-04-30T16:00:00Z"), 5)).isEqualTo(endOf(2026, 5, 13));
    }

    @Test
    void silverWeek2026WithItsNationalHoliday() {
        // Fri 9/18. 9/19 Sat, 9/20 Sun, 9/21 敬老の日, 9/22 国民の休日, 9/23 秋分の日; 9/24 (1), 9/25 (2).
        assertThat(calendar.answerDueAt(jst(2026, 9, 18, 9, 0), 2)).isEqualTo(endOf(2026, 9, 25));
    }

    @Test
    void substituteHolidayFor2027VernalEquinoxOnASunday() {
        // Fri 3/19. 3/20 Sat, 3/21 Sun 春分の日, 3/22 Mon 振替休日; 3/23 (1), 3/24 (2), 3/25 (3).
        assertThat(calendar.isBusinessDay(date(2027, 3, 22))).isFalse();
        assertThat(calendar.answerDueAt(jst(2027, 3, 19, 17, 30), 3)).isEqualTo(endOf(2027, 3, 25));
    }

    @Test
    void year2030IsComputedNotTyped() {
        // 8/11 山の日 is a Sunday in 2030 → 8/12 振替休日.
        assertThat(calendar.addBusinessDays(date(2030, 8, 9), 1)).isEqualTo(date(2030, 8, 13));
        // 11/3 文化の日 is a Sunday → 11/4 振替休日.
        assertThat(calendar.addBusinessDays(date(2030, 11, 1), 1)).isEqualTo(date(2030, 11, 5));
        // 5/3 Fri, 5/4 Sat, 5/5 Sun → 5/6 Mon 振替休日.
        assertThat(calendar.addBusinessDays(date(2030, 5, 2), 2)).isEqualTo(date(2030, 5, 8));
        // 春分の日 2030 is Wed 3/20; 秋分の日 Mon 9/23.
        assertThat(calendar.addBusinessDays(date(2030, 3, 19), 1)).isEqualTo(date(2030, 3, 21));
        assertThat(calendar.isBusinessDay(date(2030, 9, 23))).isFalse();
        assertThat(calendar.isBusinessDay(date(2030, 9, 24))).isTrue();
    }

    @Test
    void emperorsBirthdayIsFebruary23NotDecember23() {
        assertThat(calendar.isBusinessDay(date(2026, 2, 23))).isFalse();
        assertThat(calendar.isBusinessDay(date(2026, 12, 23))).isTrue();
        assertThat(calendar.addBusinessDays(date(2026, 12, 22), 1)).isEqualTo(date(2026, 12, 23));
    }

    @Test
    void yearEndClosureIsNotBusinessDays() {
        // Fri 2026-12-25. 12/28 Mon (1); 12/29–1/3 closed; 2027-01-04 Mon (2), 1/5 (3).
        assertThat(calendar.answerDueAt(jst(2026, 12, 25, 11, 0), 3)).isEqualTo(endOf(2027, 1, 5));
        for (int d = 29; d <= 31; d++) {
            assertThat(calendar.isBusinessDay(date(2026, 12, d))).isFalse();
        }
        assertThat(calendar.isBusinessDay(date(2027, 1, 2))).isFalse();
        assertThat(calendar.isBusinessDay(date(2027, 1, 4))).isTrue();
    }

    @Test
    void yearEndClosureCanBeTurnedOff() {
        BusinessCalendar statutoryOnly = new BusinessCalendar(Set.of());
        assertThat(statutoryOnly.answerDueAt(jst(2026, 12, 25, 11, 0), 3)).isEqualTo(endOf(2026, 12, 30));
        assertThat(statutoryOnly.isBusinessDay(date(2026, 12, 29))).isTrue();
        assertThat(statutoryOnly.isBusinessDay(date(2027, 1, 1))).isFalse(); // 元日 stays a holiday
    }

    @Test
    void aRequestOnASaturdayCountsFromMonday() {
        assertThat(date(2026, 6, 6).getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
        assertThat(calendar.answerDueAt(jst(2026, 6, 6, 14, 0), 1)).isEqualTo(endOf(2026, 6, 8));
        assertThat(calendar.answerDueAt(jst(2026, 6, 6, 14, 0), 5)).isEqualTo(endOf(2026, 6, 12));
        // Saturday inside Golden Week: 5/3–5/6 closed, so the first business day is Thu 5/7.
        assertThat(calendar.answerDueAt(jst(2026, 5, 2, 9, 0), 1)).isEqualTo(endOf(2026, 5, 7));
    }

    @Test
    void zeroBusinessDaysMeansTheEndOfTheRequestDay() {
        assertThat(calendar.answerDueAt(jst(2026, 7, 1, 9, 0), 0)).isEqualTo(endOf(2026, 7, 1));
    }

    @Test
    void rejectsNegativeCountsAndUnsupportedYears() {
        assertThatThrownBy(() -> calendar.addBusinessDays(date(2026, 7, 1), -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> calendar.isBusinessDay(date(2020, 7, 23)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2022");
        assertThatThrownBy(() -> calendar.isBusinessDay(date(2100, 1, 4)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
