package jp.kasane.core.consent;

import java.time.LocalDate;
import java.time.Period;

/** 成年年齢: 18 since 2022-04-01 (民法 4条). Who is a minor decides whom a PARENT (親権者) may consent for. */
public final class AgeOfMajority {

    public static final int YEARS = 18;

    private AgeOfMajority() {
    }

    /** Whether someone born on {@code birthDate} is a minor on {@code day}. */
    public static boolean isMinorOn(LocalDate birthDate, LocalDate day) {
        return Period.between(birthDate, day).getYears() < YEARS;
    }
}
