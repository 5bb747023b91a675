package jp.kasane.projections.caseload;

import jp.kasane.core.supportcase.events.CaseEvent;
import jp.kasane.projections.BatchReads;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which cases the event store holds a change for after the one a replay has reached. A case's caseload rows are
 * rewritten from its latest state, so a replay need write them only in the batch holding the case's last change; a
 * case's events are spread over the whole store, and writing its rows in every batch it had an event in was nearly one
 * upsert per event replayed, a fifth of PostgreSQL's time in a rebuild (docs/benchmarks.md).
 * <p>
 * A change is a stored event of the case whose type is not among {@link CaseEvent#CHANGING_NOTHING}, named as the
 * event serializer stores it. The store is asked once per case, for its last change, by the store's unique index on
 * case and sequence; the answer is remembered for the batches after (oldest out first). Stored events are never
 * changed or removed, so a remembered change beyond the one reached is still there; a change stored since the answer is
 * not known, and the case is then written at the change remembered as its last and again at the newer one: an extra
 * write, never a missed one.
 */
@Component
public class LaterChanges {

    private final JdbcTemplate jdbc;
    private final String[] typesChangingNothing;
    private final Map<String, Long> lastChanges;

    public LaterChanges(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer eventSerializer,
                        @Value("${kasane.projections.replay-last-changes:100000}") int remembered) {
        this.jdbc = jdbc;
        this.typesChangingNothing = CaseEvent.CHANGING_NOTHING.stream()
                .map(type -> eventSerializer.typeForClass(type).getName()).sorted().toArray(String[]::new);
        this.lastChanges = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > remembered;
            }
        };
    }

    /** Of these cases, each with the sequence of the last event handled, those the store holds a later change for. */
    public Set<String> after(Map<String, Long> handledUpTo) {
        Set<String> changedLater = new HashSet<>();
        List<String> unknown = new ArrayList<>();
        synchronized (lastChanges) {
            handledUpTo.forEach((caseId, handled) -> {
                Long last = lastChanges.get(caseId);
                if (last == null) {
                    unknown.add(caseId);
                } else if (last > handled) {
                    changedLater.add(caseId);
                }
            });
        }
        if (unknown.isEmpty()) {
            return changedLater;
        }
        Map<String, Long> found = new LinkedHashMap<>();
        BatchReads.query(jdbc, """
                select c.case_id, (select max(e.sequencenumber) from domainevententry e
                                    where e.aggregateidentifier = c.case_id and e.payloadtype <> all(?::text[]))
                  from unnest(?::text[]) as c(case_id)""",
                rs -> {
                    long last = rs.getLong(2);
                    if (!rs.wasNull()) {
                        found.put(rs.getString(1), last);
                    }
                }, typesChangingNothing, unknown.toArray(String[]::new));
        synchronized (lastChanges) {
            lastChanges.putAll(found);
        }
        found.forEach((caseId, last) -> {
            if (last > handledUpTo.get(caseId)) {
                changedLater.add(caseId);
            }
        });
        return changedLater;
    }

    /** Forgets every answer: at a reset, and once the replay is over (the answers only serve a replay). */
    public void forget() {
        synchronized (lastChanges) {
            lastChanges.clear();
        }
    }
}
