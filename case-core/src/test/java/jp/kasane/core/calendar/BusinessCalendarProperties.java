package jp.kasane.core.calendar;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class BusinessCalendarProperties {

    private static final BusinessCalendar CALENDAR = new BusinessCalendar();

    @Provide
    Arbitrary<LocalDate> days() {
        LocalDate first = LocalDate.of(2022, 1, 1);
        return Arbitraries.integers().between(0, 365 * 77).map(first::plusDays);
    }

    @Property(tries = 500)
    void addBusinessDaysLandsOnTheNthBusinessDay(@ForAll("days") LocalDate from, @ForAll @IntRange(max = 40) int n) {
        LocalDate due = CALENDAR.addBusinessDays(from, n);
        int counted = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(due); d = d.plusDays(1)) {
            if (CALENDAR.isBusinessDay(d)) {
                counted++;
            }
        }
        assertThat(counted).isEqualTo(n);
        if (n > 0) {
            assertThat(CALENDAR.isBusinessDay(due)).isTrue();
        }
    }

    @Property(tries = 300)
    void answerIsDueAtMidnightTokyoAfterTheRequest(@ForAll("days") LocalDate day,
                                                   @ForAll @IntRange(max = 86_399) int secondOfDay,
                                                   @ForAll @IntRange(min = 1, max = 20) int n) {
        Instant requestedAt = day.atTime(LocalTime.ofSecondOfDay(secondOfDay)).atZone(BusinessCalendar.TOKYO)
                .toInstant();
        Instant due = CALENDAR.answerDueAt(requestedAt, n);
        assertThat(due).isAfter(requestedAt);
        assertThat(due.atOffset(ZoneOffset.UTC).toLocalTime()).isEqualTo(LocalTime.of(15, 0));
        assertThat(CALENDAR.isBusinessDay(LocalDate.ofInstant(due, BusinessCalendar.TOKYO).minusDays(1))).isTrue();
    }

    @Property(tries = 200)
    void weekendsAndHolidaysAreNeverBusinessDays(@ForAll("days") LocalDate day) {
        boolean weekend = day.getDayOfWeek().getValue() >= 6;
        boolean holiday = CALENDAR.publicHolidays(day.getYear()).contains(day);
        if (weekend || holiday) {
            assertThat(CALENDAR.isBusinessDay(day)).isFalse();
        }
    }
}
