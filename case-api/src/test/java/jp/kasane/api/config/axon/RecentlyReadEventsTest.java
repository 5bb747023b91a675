package jp.kasane.api.config.axon;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A read of an event read lately gets the first read's payload, at the position of its own stream. */
class RecentlyReadEventsTest {

    record Noted(String caseId, List<String> issues) {
    }

    @Test
    void a_later_read_gets_the_first_reads_payload_at_its_own_position() {
        RecentlyReadEvents recent = new RecentlyReadEvents(10);
        TrackedEventMessage<?> first = read("event-1", 7, Set.of());
        TrackedEventMessage<?> later = read("event-1", 7, Set.of(5L));

        assertThat(recent.shared(first)).isSameAs(first);
        TrackedEventMessage<?> shared = recent.shared(later);

        assertThat(shared.getPayload()).isSameAs(first.getPayload()).isNotSameAs(later.getPayload());
        assertThat(shared.trackingToken()).isSameAs(later.trackingToken());
        assertThat(shared.getIdentifier()).isEqualTo("event-1");
    }

    @Test
    void the_oldest_read_goes_first() {
        RecentlyReadEvents recent = new RecentlyReadEvents(2);
        TrackedEventMessage<?> a = read("a", 1, Set.of());
        recent.shared(a);
        recent.shared(read("b", 2, Set.of()));
        recent.shared(read("c", 3, Set.of()));

        TrackedEventMessage<?> again = read("a", 1, Set.of());
        assertThat(recent.shared(again)).isSameAs(again);
    }

    @Test
    void none_kept_shares_nothing() {
        RecentlyReadEvents recent = new RecentlyReadEvents(0);
        recent.shared(read("a", 1, Set.of()));

        TrackedEventMessage<?> again = read("a", 1, Set.of());
        assertThat(recent.shared(again)).isSameAs(again);
    }

    /** A message as a stream reads it: a payload object of its own, at {@code index}. */
    private static TrackedEventMessage<?> read(String identifier, long index, Set<Long> gaps) {
        TrackingToken token = GapAwareTrackingToken.newInstance(index, gaps);
        return new GenericTrackedDomainEventMessage<>(token, new GenericDomainEventMessage<>("SupportCase", "case-1", 0,
                new Noted("case-1", List.of("孤立")), MetaData.emptyInstance(), identifier, Instant.EPOCH));
    }
}
