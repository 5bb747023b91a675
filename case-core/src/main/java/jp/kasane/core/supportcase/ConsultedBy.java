package jp.kasane.core.supportcase;

/**
 * Who brought the consultation (相談者): the person themself, or someone on their behalf. Not personal data: it says
 * who came, not who they are. Counted in the fiscal-year statistics, because 重層 is about reaching people who do not
 * come themselves.
 */
public enum ConsultedBy {
    /** 本人. */
    SELF,
    /** 家族・親族. */
    FAMILY,
    /** 近隣住民. */
    NEIGHBOUR,
    /** 民生委員・児童委員. */
    COMMISSIONER,
    /** 関係機関 (another agency, a school, a care provider). */
    AGENCY,
    OTHER
}
