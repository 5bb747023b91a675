package jp.kasane.core.supportcase;

import java.time.LocalDate;

/** A member left the household (転居, 死亡, …) on a day; they stay in the case's history as a person of their own. */
public record Departure(Reason reason, LocalDate on) {

    public enum Reason {
        /** 転居・施設入所. */
        MOVED_OUT,
        /** 死亡. */
        DIED,
        OTHER
    }
}
