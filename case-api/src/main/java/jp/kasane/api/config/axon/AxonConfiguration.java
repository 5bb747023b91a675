package jp.kasane.api.config.axon;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import jp.kasane.api.config.json.IsoInstantDeserializer;
import jp.kasane.api.application.LoadedCases;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Axon on PostgreSQL: the serializer with stable event names, and the metadata every event carries (agency, actor,
 * occurred-at, recorded-at, and the HTTP request's correlation id). The aggregates and their snapshots are registered
 * in {@link CaseSnapshotConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /** Replaces Axon's MessageOriginProvider: the correlation id of an event is the HTTP request's. */
    @Bean
    CorrelationDataProvider kasaneCorrelationData() {
        return new CommandCorrelationData();
    }

    /**
     * Axon's JDBC storage engine as its auto-configuration builds it (declared here because declaring the event store
     * below switches that auto-configuration off), but reading outside a transaction unless one is running
     * ({@link EventReadsWithoutTransaction}), and its stream following the head ending on a short batch
     * ({@link HeadFollowingStorageEngine}), and the processors' own streams sharing the events read lately
     * ({@link RecentlyReadEvents}) and the full batches read lately ({@link RecentFullBatches}), kept within
     * {@code convoy-batches} of each other ({@link CatchingUpConvoy}), so that those need only span that much.
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider, TransactionManager transactionManager,
                                          EventReadConnections eventReadConnections,
                                          @Value("${kasane.projections.shared-read-events:2048}") int sharedReadEvents,
                                          @Value("${kasane.projections.shared-read-batches:16}") int sharedReadBatches,
                                          @Value("${kasane.projections.convoy-batches:4}") int convoyBatches) {
        return new HeadFollowingStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(new JdbcSQLErrorCodesResolver())
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(eventReadConnections.around(connectionProvider))
                .transactionManager(new EventReadsWithoutTransaction(transactionManager))
                .schema(new EventSchema()), sharedReadEvents, sharedReadBatches, convoyBatches);
    }

    /**
     * A small pool for the event store's reads outside a transaction, on generic plans ({@link EventReadConnections});
     * {@code kasane.projections.event-read-connections: 0} makes none, and those reads use the main pool.
     */
    @Bean(destroyMethod = "close")
    EventReadConnections eventReadConnections(javax.sql.DataSource dataSource,
                                              @Value("${kasane.projections.event-read-connections:2}") int size) {
        return new EventReadConnections(dataSource, size);
    }

    /**
     * The event store the projections stream from: Axon's, woken when a request's transaction commits
     * ({@link AfterCommitEventStore}), and polling the event table every {@code fetch-delay} once it has caught up
     * (for events other nodes write), instead of every second.
     */
    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    AfterCommitEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                     @Value("${kasane.projections.fetch-delay:50ms}") Duration fetchDelay,
                                     @Value("${kasane.projections.batch-linger:0ms}") Duration batchLinger,
                                     LoadedCases loadedCases) {
        AfterCommitEventStore store = new AfterCommitEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(fetchDelay.toMillis())
                .timeUnit(TimeUnit.MILLISECONDS), batchLinger);
        // The version each case will be at when the request commits: what a kept case is checked against.
        store.registerDispatchInterceptor(events -> {
            loadedCases.appending(events);
            return (index, event) -> event;
        });
        return store;
    }

    /**
     * Axon's event processing (Axon's Spring Boot configuration makes one unless there is ours), but every tracking
     * processor asks its handlers what they can handle once, not at every event ({@link KnownHandlerTypes}), and every
     * dead-letter queue knows which cases it has parked ({@link ParkedSequences}).
     */
    @Bean
    org.axonframework.config.EventProcessingModule eventProcessingModule(ObjectProvider<JdbcTemplate> jdbc,
                                                                         ObjectProvider<DeadLetterSchema> schema) {
        return new KasaneEventProcessing(jdbc::getObject, () -> schema.getIfAvailable(DeadLetterSchema::defaultSchema));
    }

    @Bean
    ProcessorStops processorStops(AfterCommitEventStore eventStore) {
        return new ProcessorStops(eventStore);
    }

    @Bean
    SegmentSplits segmentSplits(AfterCommitEventStore eventStore, EventProcessingConfiguration processing) {
        return new SegmentSplits(eventStore, processing);
    }

    @Bean
    @Primary
    Serializer serializer() {
        return stableSerializer();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return stableSerializer();
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return stableSerializer();
    }

    static StableTypeNameSerializer stableSerializer() {
        return StableTypeNameSerializer.create(eventObjectMapper(), namedEventTypes());
    }

    /**
     * The mapper for stored events: ISO-8601 times (read through {@link IsoInstantDeserializer}, registered after the
     * JDK time module so that it wins), and tolerant of fields added by later revisions.
     */
    public static ObjectMapper eventObjectMapper() {
        return new ObjectMapper()
                .findAndRegisterModules()
                .registerModule(new SimpleModule("kasane-instants")
                        .addDeserializer(Instant.class, IsoInstantDeserializer.INSTANCE))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Every class under jp.kasane.core with a stable type name. */
    static List<Class<?>> namedEventTypes() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(org.springframework.beans.factory.annotation.AnnotatedBeanDefinition bd) {
                return true;
            }
        };
        scanner.addIncludeFilter(new AnnotationTypeFilter(JsonTypeName.class));
        List<Class<?>> types = new ArrayList<>();
        for (BeanDefinition bd : scanner.findCandidateComponents("jp.kasane.core")) {
            types.add(ClassUtils.resolveClassName(bd.getBeanClassName(), AxonConfiguration.class.getClassLoader()));
        }
        return types;
    }
}
