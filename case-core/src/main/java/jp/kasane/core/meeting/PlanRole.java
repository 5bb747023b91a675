package jp.kasane.core.meeting;

import jp.kasane.core.personaldata.Sealed;

/** One line of 役割分担: which agency does what. */
public record PlanRole(String agencyId, Sealed task) {
}
