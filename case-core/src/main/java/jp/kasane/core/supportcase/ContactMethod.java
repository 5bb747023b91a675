package jp.kasane.core.supportcase;

/** How an agency tried to reach a person (アウトリーチ等を通じた継続的支援, 同行). */
public enum ContactMethod {
    /** 自宅訪問. */
    HOME_VISIT,
    /** 電話. */
    PHONE,
    /** メール・SNS. */
    MAIL,
    /** 手紙・置き手紙. */
    LETTER,
    /** アウトリーチ (at the places the person goes, at events). */
    OUTREACH,
    /** 同行 (to another agency, a hospital, the city hall). */
    ACCOMPANIED_VISIT
}
