package jp.kasane.core.meeting;

/** What a meeting may decide about one case on its agenda (API.md "Decisions"); {@link MeetingKind} says which kind may. */
public enum DecisionType {
    /** 支援決定. */
    ACCEPT_FOR_SUPPORT,
    /** Adopt or revise the support plan (支援プラン): goals, 役割分担, 主担当, review date. */
    ADOPT_PLAN,
    /** 参加支援 with a participation partner. */
    APPROVE_PARTICIPATION_SUPPORT,
    /** 評価. */
    EVALUATE,
    /** 終結. */
    CLOSE,
    /** 中断. */
    SUSPEND,
    /** 地域課題 / 社会資源の不足. */
    RESOURCE_GAP,
    /** A 支援会議's decision to refer the case to an agency (the basis of a referral without consent). */
    REFER,
    /** What a 支援会議 decides: the direction of support, 見守り, who does what now, when to look again. */
    SET_DIRECTION
}
