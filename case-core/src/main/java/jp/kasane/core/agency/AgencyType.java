package jp.kasane.core.agency;

/** Agency types of DOMAIN.md. Agencies themselves are data in the registry, not code. */
public enum AgencyType {
    /** 地域包括支援センター (包括). */
    COMMUNITY_GENERAL_SUPPORT_CENTER,
    /** CSW (コミュニティソーシャルワーカー). */
    COMMUNITY_SOCIAL_WORKER,
    /** 生活困窮者自立相談支援機関 (困窮). */
    LIVELIHOOD_CONSULTATION,
    /** 基幹相談支援センター. */
    DISABILITY_CORE_CENTER,
    /** こども家庭センター. */
    CHILD_FAMILY_CENTER,
    /** 多機関協働事業 (重層支援コーディネーター). */
    MULTI_AGENCY_COORDINATOR,
    /** 参加支援 hosts: NPOs, 居場所. */
    PARTICIPATION_PARTNER,
    /** 保護観察所, 学校/SSW, 住宅部局 … */
    OTHER_PUBLIC_BODY
}
