package jp.kasane.api.config.axon;

import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A processor's handlers asked what they can handle once ({@link KnownHandlerTypes}): every answer the same as Axon's
 * own invoker gives, for events of handled and unhandled types, in and outside a replay, with handlers that refuse
 * replays or need metadata, on either of two segments; and the handlers are asked once, not at every event.
 */
class KnownHandlerTypesTest {

    record Opened(String caseId) {
    }

    record Consulted(String caseId) {
    }

    record Noted(String caseId) {
    }

    record Unhandled(String caseId) {
    }

    /** Records which handler saw which event. */
    static final List<String> seen = new ArrayList<>();

    static class CaseRows {
        @EventHandler
        void on(Opened e) {
            seen.add("rows:" + e.caseId());
        }

        @EventHandler
        void on(Consulted e) {
            seen.add("rows-consulted:" + e.caseId());
        }

        @ResetHandler
        void reset() {
            seen.add("rows:reset");
        }
    }

    @DisallowReplay
    static class Notifications {
        @EventHandler
        void on(Consulted e) {
            seen.add("notify:" + e.caseId());
        }
    }

    static class Notes {
        @EventHandler
        void on(Noted e, @MetaDataValue(value = "author", required = true) String author) {
            seen.add("note:" + e.caseId() + ":" + author);
        }
    }

    /** A group of handlers passed through, for a test to count or hear what it is asked. */
    static class Delegating implements EventHandlerInvoker {
        private final EventHandlerInvoker to;

        Delegating(EventHandlerInvoker to) {
            this.to = to;
        }

        @Override
        public boolean canHandle(EventMessage<?> eventMessage, Segment segment) {
            return to.canHandle(eventMessage, segment);
        }

        @Override
        public boolean canHandleType(Class<?> payloadType) {
            return to.canHandleType(payloadType);
        }

        @Override
        public void handle(EventMessage<?> message, Segment segment) throws Exception {
            to.handle(message, segment);
        }

        @Override
        public boolean supportsReset() {
            return to.supportsReset();
        }
    }

    private static EventHandlerInvoker group(Object handler) {
        return SimpleEventHandlerInvoker.builder().eventHandlers(handler)
                .sequencingPolicy(SequentialPerAggregatePolicy.instance()).build();
    }

    private static MultiEventHandlerInvoker axons() {
        return new MultiEventHandlerInvoker(group(new CaseRows()), group(new Notifications()), group(new Notes()));
    }

    private static List<EventMessage<?>> events() {
        List<EventMessage<?>> events = new ArrayList<>();
        long position = 0;
        for (int i = 0; i < 6; i++) {
            String caseId = "case-" + i;
            for (Object payload : List.of(new Opened(caseId), new Consulted(caseId), new Noted(caseId),
                    new Unhandled(caseId))) {
                for (MetaData metaData : List.of(MetaData.emptyInstance(), MetaData.with("author", "csw-1"))) {
                    for (boolean replay : new boolean[]{false, true}) {
                        position++;
                        TrackingToken at = new GlobalSequenceTrackingToken(position);
                        TrackingToken token = replay
                                ? ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(10_000), at) : at;
                        events.add(new GenericTrackedDomainEventMessage<>(token, new GenericDomainEventMessage<>(
                                "SupportCase", caseId, position, payload, metaData)));
                    }
                }
            }
        }
        return events;
    }

    @Test
    void every_answer_is_axons() throws Exception {
        MultiEventHandlerInvoker axons = axons();
        KnownHandlerTypes known = new KnownHandlerTypes(axons());
        Segment[] segments = Segment.ROOT_SEGMENT.split();

        assertThat(known.supportsReset()).isEqualTo(axons.supportsReset());
        for (Class<?> type : List.of(Opened.class, Consulted.class, Noted.class, Unhandled.class, Object.class)) {
            assertThat(known.canHandleType(type)).as(type.getSimpleName()).isEqualTo(axons.canHandleType(type));
        }
        int handled = 0;
        assertThat(events()).filteredOn(ReplayToken::isReplay).as("replayed events among them").hasSize(48);
        for (EventMessage<?> event : events()) {
            for (Segment segment : segments) {
                boolean expected = axons.canHandle(event, segment);
                assertThat(known.canHandle(event, segment)).as("%s on %s", event, segment).isEqualTo(expected);

                seen.clear();
                axons.handle(event, segment);
                List<String> byAxon = List.copyOf(seen);
                seen.clear();
                known.handle(event, segment);
                assertThat(seen).as("%s on %s", event, segment).isEqualTo(byAxon);
                handled += byAxon.size();
            }
        }
        assertThat(handled).as("the events reach handlers at all").isPositive();

        seen.clear();
        known.performReset(null);
        assertThat(seen).containsExactly("rows:reset");
    }

    @Test
    void the_handlers_are_asked_once() {
        AtomicInteger resets = new AtomicInteger();
        AtomicInteger types = new AtomicInteger();
        EventHandlerInvoker rows = group(new CaseRows());
        EventHandlerInvoker counting = new Delegating(rows) {
            @Override
            public boolean canHandleType(Class<?> payloadType) {
                types.incrementAndGet();
                return super.canHandleType(payloadType);
            }

            @Override
            public boolean supportsReset() {
                resets.incrementAndGet();
                return super.supportsReset();
            }
        };
        KnownHandlerTypes known = new KnownHandlerTypes(new MultiEventHandlerInvoker(counting));

        for (int round = 0; round < 100; round++) {
            for (EventMessage<?> event : events()) {
                known.canHandle(event, Segment.ROOT_SEGMENT);
            }
        }
        assertThat(resets).hasValue(1);
        assertThat(types).as("once per payload type").hasValue(4);
    }

    /**
     * A segment's claim is told once, before its first event, and again after its release; each group of handlers
     * hears of the release (Axon's multi-invoker tells none: a dead-lettering group kept what it knew of the segment).
     */
    @Test
    void a_claim_is_told_before_the_segments_first_event_and_a_release_reaches_every_group() throws Exception {
        List<Segment> released = new ArrayList<>();
        EventHandlerInvoker rows = group(new CaseRows());
        EventHandlerInvoker listening = new Delegating(rows) {
            @Override
            public void segmentReleased(Segment segment) {
                released.add(segment);
            }
        };
        AtomicInteger claims = new AtomicInteger();
        KnownHandlerTypes known = new KnownHandlerTypes(new MultiEventHandlerInvoker(listening, group(new Notes())),
                () -> {
                    assertThat(seen).as("told before the segment's first event").isEmpty();
                    claims.incrementAndGet();
                });
        Segment[] segments = Segment.ROOT_SEGMENT.split();

        seen.clear();
        for (EventMessage<?> event : events()) {
            known.handle(event, segments[0]);
        }
        assertThat(seen).isNotEmpty();
        assertThat(claims).as("once for the segment").hasValue(1);
        seen.clear();
        known.handle(events().get(0), segments[1]);
        assertThat(claims).as("the other segment").hasValue(2);

        known.segmentReleased(segments[0]);
        assertThat(released).containsExactly(segments[0]);
        seen.clear();
        known.handle(events().get(0), segments[0]);
        assertThat(claims).as("claimed again").hasValue(3);
    }
}
