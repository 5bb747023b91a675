package jp.kasane.core.supportcase;

/** Phases of a case (受付 → アセスメント → 支援決定 → プラン策定 → 支援実施・モニタリング → 評価 → 終結 / 中断). */
public enum Phase {
    /** 受付. */
    INTAKE,
    /** アセスメント. */
    ASSESSMENT,
    /** 支援決定 (by a meeting). */
    ACCEPTED_FOR_SUPPORT,
    /** プラン策定. */
    PLANNED,
    /** 支援実施. */
    SUPPORTING,
    /** モニタリング. */
    MONITORING,
    /** 評価. */
    EVALUATION,
    /** 終結. */
    CLOSED,
    /** 中断. */
    SUSPENDED;

    public boolean isOpen() {
        return this != CLOSED;
    }
}
