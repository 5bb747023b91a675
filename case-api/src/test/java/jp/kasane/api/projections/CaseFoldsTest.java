package jp.kasane.api.projections;

import jp.kasane.core.supportcase.CaseState;
import jp.kasane.core.supportcase.events.CaseEvent;
import jp.kasane.projections.caseload.CaseFolds;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static jp.kasane.api.projections.ProjectionFixtures.consulted;
import static jp.kasane.api.projections.ProjectionFixtures.id;
import static jp.kasane.api.projections.ProjectionFixtures.opened;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The caseload's folded cases: a case's next event finds the case kept, however busy the other kept cases were, and a
 * case no longer kept is folded again from its stored events. Each fold is a read of the event store, counted here.
 */
class CaseFoldsTest {

    private static final Instant AT = Instant.parse("2026-04-01T00:00:00Z");

    private final AtomicInteger storeReads = new AtomicInteger();
    private final InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine() {
        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            storeReads.incrementAndGet();
            return super.readEvents(aggregateIdentifier, firstSequenceNumber);
        }
    };
    private final EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void new_cases_in_flight_are_kept_though_the_kept_cases_were_used_more_often() {
        CaseFolds folds = new CaseFolds(store, 100, 100_000);
        // A full cache of busy cases, each seen five times.
        for (int i = 0; i < 100; i++) {
            String caseId = id();
            handle(folds, opened(caseId, "houkatsu", AT, "KAIGO"), 0);
            for (int seq = 1; seq < 5; seq++) {
                handle(folds, consulted(caseId, "houkatsu", AT, "KAIGO"), seq);
            }
        }
        // Then sixty new cases at once, their events interleaved as concurrent requests commit them.
        List<String> fresh = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            fresh.add(id());
        }
        for (int seq = 0; seq < 3; seq++) {
            for (String caseId : fresh) {
                handle(folds, seq == 0 ? opened(caseId, "houkatsu", AT, "KAIGO") : consulted(caseId, "houkatsu", AT, "HIKIKOMORI"), seq);
            }
        }
        assertThat(storeReads).as("cases folded again from the store").hasValue(0);
    }

    @Test
    void a_case_no_longer_kept_is_folded_again_from_its_stored_events() {
        CaseFolds folds = new CaseFolds(store, 1, 100_000);
        String caseId = id();
        handle(folds, opened(caseId, "houkatsu", AT, "KAIGO"), 0);
        handle(folds, consulted(caseId, "houkatsu", AT, "HIKIKOMORI"), 1);
        handle(folds, opened(id(), "houkatsu", AT, "KAIGO"), 0); // takes the only place

        CaseState state = handle(folds, consulted(caseId, "houkatsu", AT, "SEIKATSU_KONKYU"), 2);

        assertThat(storeReads).hasValue(1);
        assertThat(state.issues()).contains("KAIGO", "HIKIKOMORI", "SEIKATSU_KONKYU");
    }

    private CaseState handle(CaseFolds folds, CaseEvent event, long sequence) {
        engine.appendEvents(List.of(new GenericDomainEventMessage<>("SupportCase", event.caseId(), sequence, event)));
        return folds.after(event, sequence);
    }
}
