package jp.kasane.core.supportcase;

import jp.kasane.core.access.AccessDecision;
import jp.kasane.core.personaldata.Sealed;

/**
 * The answer to {@link jp.kasane.core.supportcase.commands.DiscloseCase}: the decision, the view it allows (taken on
 * the same state), the case version both were decided on, and whether the read is a disclosure that must be written
 * to the ledger (any reader but the agency that opened the case).
 */
public record Disclosure(AccessDecision decision, CaseView<Sealed> view, long version, boolean recorded) {
}
