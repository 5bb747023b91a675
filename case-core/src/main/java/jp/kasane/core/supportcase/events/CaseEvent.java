package jp.kasane.core.supportcase.events;

/**
 * An event of one case's stream. Events are the long-term contract: each carries a stable type name
 * ({@code @JsonTypeName}) and a {@code @Revision}; they are evolved with upcasters, never rewritten.
 * Personal data in them is always {@link jp.kasane.core.personaldata.Sealed}.
 */
public interface CaseEvent {
    String caseId();

    /** Whether the event changes the case (and so its version / ETag). Reads recorded in the ledger do not. */
    default boolean changesCase() {
        return true;
    }
}
