package jp.kasane.api.config.axon;

import org.axonframework.eventhandling.TrackedEventMessage;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The events the processors' own streams (catching up, replaying) read lately, so that a processor reading an event
 * another has just read gets that one's message, with its own position: the payload is deserialized once, not once per
 * read model. In a rebuild every read model reads the whole store at about the same time, and deserializing the
 * payloads was most of a light read model's own CPU (docs/benchmarks.md). Once caught up, the processors already share
 * one message per event (Axon's event store hands them the same ones); this extends that to the streams behind it.
 * <p>
 * Kept by order of reading alone, oldest out first: each event is read once per read model, shortly after the first
 * read, and a frequency-based cache (Caffeine's TinyLFU) would refuse the newest events in favour of older ones read
 * more often, which is the wrong way round for readers moving forward together. A message is only shared, never
 * changed: the handlers treat payloads as values, as they already must for the shared messages of the caught-up stream.
 */
final class RecentlyReadEvents {

    private final Map<String, TrackedEventMessage<?>> byIdentifier;

    RecentlyReadEvents(int capacity) {
        this.byIdentifier = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TrackedEventMessage<?>> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The message read first for this event, at the position of {@code read}; {@code read} itself if it is the first. */
    TrackedEventMessage<?> shared(TrackedEventMessage<?> read) {
        TrackedEventMessage<?> first;
        synchronized (byIdentifier) {
            first = byIdentifier.putIfAbsent(read.getIdentifier(), read);
        }
        return first == null ? read : first.withTrackingToken(read.trackingToken());
    }
}
