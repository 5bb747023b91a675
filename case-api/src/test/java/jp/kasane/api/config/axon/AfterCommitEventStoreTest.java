package jp.kasane.api.config.axon;

import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.lifecycle.Lifecycle;
import org.axonframework.lifecycle.Phase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the application shuts down, the event store wakes the processors' streams until each is closed: a processor
 * waiting for events sees at once that it is stopping, instead of after its wait.
 */
class AfterCommitEventStoreTest {

    final AfterCommitEventStore store = new AfterCommitEventStore(EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()));

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void at_shutdown_a_processor_waiting_for_events_is_woken_and_its_closed_stream_ends_the_waking() throws Exception {
        Map<Integer, Lifecycle.LifecycleHandler> shutdowns = new HashMap<>();
        store.registerLifecycleHandlers(new Lifecycle.LifecycleRegistry() {
            @Override
            public void onStart(int phase, Lifecycle.LifecycleHandler action) {
            }

            @Override
            public void onShutdown(int phase, Lifecycle.LifecycleHandler action) {
                shutdowns.put(phase, action);
            }
        });
        // A processor: waits up to 30 s for events, and closes its stream when the wait ends with none.
        TrackingEventStream stream = store.openStream(null);
        CompletableFuture<Boolean> processor = CompletableFuture.supplyAsync(() -> {
            try {
                return stream.hasNextAvailable(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                stream.close();
            }
        });
        Thread.sleep(200);
        assertThat(processor).isNotDone();

        shutdowns.get(Phase.INBOUND_EVENT_CONNECTORS).run().get(10, TimeUnit.SECONDS);

        assertThat(processor.get(1, TimeUnit.SECONDS)).as("woken with no event").isFalse();
        assertThat(store.openStreams()).isZero();
    }
}
