package jp.kasane.api.config.axon;

import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A processor's event handler invoker answering what its handlers can do from what it learnt once: which payload types
 * each group of handlers has a handler for, and whether it supports a reset. Axon's own
 * ({@link MultiEventHandlerInvoker}) asks its handlers again, through streams, for every event and processor: whether
 * they support a reset (even outside a replay), then whether they can handle the event, then, for an event they
 * cannot, whether they can handle its type. In a rebuild those answers were a third of what the processors allocated
 * (docs/benchmarks.md). The handlers a processor has are fixed when it is built, so the answers never change.
 * <p>
 * Every answer is the one Axon's invoker gives, in the same order of delegates: a group of handlers that has no
 * handler for an event's type cannot handle the event (Axon's tracking processor relies on the same when it skips a
 * type), so only for a type it handles is its own {@code canHandle} asked (its handler's parameters, its segment).
 * <p>
 * It also tells each group when a segment is released (Axon's multi-invoker tells none), and runs {@code onClaim}
 * before a segment's first event after each claim: there the processor's dead-letter queue reads which cases are
 * parked ({@link ParkedSequences}).
 */
final class KnownHandlerTypes implements EventHandlerInvoker {

    /** One of the processor's groups of handlers, with what it was found to handle. */
    private static final class Group {
        final EventHandlerInvoker invoker;
        final boolean supportsReset;
        final ClassValue<Boolean> handlesType;

        Group(EventHandlerInvoker invoker) {
            this.invoker = invoker;
            this.supportsReset = invoker.supportsReset();
            this.handlesType = new ClassValue<>() {
                @Override
                protected Boolean computeValue(Class<?> type) {
                    return invoker.canHandleType(type);
                }
            };
        }

        boolean canHandle(EventMessage<?> event, Class<?> type, boolean replay, Segment segment) {
            return handlesType.get(type) && (supportsReset || !replay) && invoker.canHandle(event, segment);
        }
    }

    private final List<Group> groups;
    private final Runnable onClaim;
    private final Set<Segment> claimed = ConcurrentHashMap.newKeySet();
    private final boolean supportsReset;
    private final ClassValue<Boolean> handlesType = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (Group group : groups) {
                if (group.handlesType.get(type)) {
                    return true;
                }
            }
            return false;
        }
    };

    /** Wraps the invoker Axon built for a processor: its groups if it is Axon's multi-invoker, else itself alone. */
    KnownHandlerTypes(EventHandlerInvoker axons) {
        this(axons, () -> { });
    }

    /** As above; {@code onClaim} runs before the first event of each segment claimed, once again after its release. */
    KnownHandlerTypes(EventHandlerInvoker axons, Runnable onClaim) {
        this.onClaim = onClaim;
        List<EventHandlerInvoker> delegates = axons instanceof MultiEventHandlerInvoker multi
                ? multi.delegates() : List.of(axons);
        this.groups = delegates.stream().map(Group::new).toList();
        this.supportsReset = groups.stream().anyMatch(group -> group.supportsReset);
    }

    @Override
    public boolean canHandle(EventMessage<?> event, Segment segment) {
        Class<?> type = event.getPayloadType();
        if (!handlesType.get(type)) {
            return false;
        }
        boolean replay = ReplayToken.isReplay(event);
        for (Group group : groups) {
            if (group.canHandle(event, type, replay, segment)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean canHandleType(Class<?> payloadType) {
        return handlesType.get(payloadType);
    }

    @Override
    public void handle(EventMessage<?> event, Segment segment) throws Exception {
        if (!claimed.contains(segment)) {
            // Marked only once told: if telling fails (the database away), the batch fails and tells again.
            onClaim.run();
            claimed.add(segment);
        }
        Class<?> type = event.getPayloadType();
        boolean replay = ReplayToken.isReplay(event);
        for (Group group : groups) {
            if (group.canHandle(event, type, replay, segment)) {
                group.invoker.handle(event, segment);
            }
        }
    }

    @Override
    public boolean supportsReset() {
        return supportsReset;
    }

    @Override
    public void performReset() {
        performReset(null);
    }

    @Override
    public <R> void performReset(R resetContext) {
        for (Group group : groups) {
            if (group.supportsReset) {
                group.invoker.performReset(resetContext);
            }
        }
    }

    @Override
    public void segmentReleased(Segment segment) {
        claimed.remove(segment);
        // Axon's multi-invoker does not pass this on: each group is told, as it would be if it were alone.
        for (Group group : groups) {
            group.invoker.segmentReleased(segment);
        }
    }
}
