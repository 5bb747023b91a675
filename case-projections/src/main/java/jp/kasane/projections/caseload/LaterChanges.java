package jp.kasane.projections.caseload;

import jp.kasane.core.supportcase.events.CaseEvent;
import jp.kasane.projections.BatchReads;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which cases the event store holds a change for after the one a replay has reached. A case's caseload rows are
 * rewritten from its latest state, so a replay need write them only in the batch holding the case's last change; a
 * case's events are spread over the whole store, and writing its rows in every batch it had an event in was nearly one
 * upsert per event replayed, a fifth of PostgreSQL's time in a rebuild (docs/benchmarks.md).
 * <p>
 * A change is a stored event of the case whose type is not among {@link CaseEvent#CHANGING_NOTHING}, named as the
 * event serializer stores it. One read per batch, by the store's unique index on case and sequence.
 */
@Component
public class LaterChanges {

    private final JdbcTemplate jdbc;
    private final String[] typesChangingNothing;

    public LaterChanges(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer eventSerializer) {
        this.jdbc = jdbc;
        this.typesChangingNothing = CaseEvent.CHANGING_NOTHING.stream()
                .map(type -> eventSerializer.typeForClass(type).getName()).sorted().toArray(String[]::new);
    }

    /** Of these cases, each with the sequence of the last event handled, those the store holds a later change for. */
    public Set<String> after(Map<String, Long> handledUpTo) {
        if (handledUpTo.isEmpty()) {
            return Set.of();
        }
        String[] caseIds = handledUpTo.keySet().toArray(String[]::new);
        Long[] sequences = new Long[caseIds.length];
        for (int i = 0; i < caseIds.length; i++) {
            sequences[i] = handledUpTo.get(caseIds[i]);
        }
        Set<String> changedLater = new HashSet<>();
        BatchReads.query(jdbc, """
                select c.case_id from unnest(?::text[], ?::bigint[]) as c(case_id, handled)
                 where exists (select 1 from domainevententry e
                                where e.aggregateidentifier = c.case_id and e.sequencenumber > c.handled
                                  and e.payloadtype <> all(?::text[]))""",
                rs -> changedLater.add(rs.getString(1)), caseIds, sequences, typesChangingNothing);
        return changedLater;
    }
}
