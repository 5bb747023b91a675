package jp.kasane.core.supportcase.events;

import java.util.Set;

/**
 * An event of one case's stream. Events are the long-term contract: each carries a stable type name
 * ({@code @JsonTypeName}) and a {@code @Revision}; they are evolved with upcasters, never rewritten.
 * Personal data in them is always {@link jp.kasane.core.personaldata.Sealed}.
 */
public interface CaseEvent {
    String caseId();

    /**
     * The event types that change nothing on the case: reads recorded in the ledger by an earlier version. The one list
     * of them: {@link #changesCase()} answers from it, and a replaying caseload asks the store for a case's later
     * changes by it.
     */
    Set<Class<? extends CaseEvent>> CHANGING_NOTHING = Set.of(CaseDisclosed.class);

    /** Whether the event changes the case (and so its version / ETag). Reads recorded in the ledger do not. */
    default boolean changesCase() {
        return !CHANGING_NOTHING.contains(getClass());
    }
}
