package jp.kasane.api.config.axon;

import jp.kasane.api.application.LoadedCases;
import jp.kasane.core.meeting.Meeting;
import jp.kasane.core.supportcase.SupportCase;
import org.axonframework.common.lock.NullLockFactory;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.snapshotting.RevisionSnapshotFilter;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Snapshots of long cases (スナップショット). Every command loads its case from the events, and every read by another
 * agency adds one (its ledger line), so a case read daily for a year is rebuilt from ~1,000 events per request.
 * After {@code kasane.snapshots.after-events} events loaded, a snapshot of the aggregate is stored and later loads
 * start from it (docs/benchmarks.md). Snapshots are a cache: the events stay the only truth, views and audit replays
 * never read snapshots, and a snapshot of another {@link SupportCase#SNAPSHOT_REVISION} is ignored.
 */
@Configuration(proxyBeanMethods = false)
public class CaseSnapshotConfiguration {

    /** One background thread: a snapshot is taken after the request's commit, never on its path. */
    @Bean(destroyMethod = "shutdown")
    ExecutorService caseSnapshotExecutor() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "kasane-snapshotter");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    ConfigurerModule kasaneAggregates(ExecutorService caseSnapshotExecutor, LoadedCases loadedCases,
                                      @Value("${kasane.snapshots.after-events:100}") int afterEvents) {
        // case-core stays free of Spring: its aggregates are registered here rather than annotated @Aggregate.
        CommandTargets targets = new CommandTargets();
        return configurer -> configurer
                .configureAggregate(AggregateConfigurer.defaultConfiguration(SupportCase.class)
                        .configureSnapshotTrigger(c -> afterEvents <= 0 ? NoSnapshotTriggerDefinition.INSTANCE
                                : new EventCountSnapshotTriggerDefinition(AggregateSnapshotter.builder()
                                        .eventStore(c.eventStore())
                                        // inspected with the application's resolvers, which supply CaseRules
                                        .aggregateFactories(new GenericAggregateFactory<>(AnnotatedAggregateMetaModelFactory
                                                .inspectAggregate(SupportCase.class, c.parameterResolverFactory(),
                                                        c.handlerDefinition(SupportCase.class))))
                                        .parameterResolverFactory(c.parameterResolverFactory())
                                        .handlerDefinition(c.handlerDefinition(SupportCase.class))
                                        .transactionManager(c.getComponent(TransactionManager.class))
                                        .executor(caseSnapshotExecutor)
                                        .build(), afterEvents))
                        // A case this node committed is kept between requests, used only at its stored version.
                        .configureCache(c -> loadedCases)
                        .configureSnapshotFilter(c -> RevisionSnapshotFilter.builder()
                                .type(SupportCase.class).revision(SupportCase.SNAPSHOT_REVISION).build())
                        // Requests lock their cases in PostgreSQL (application/CaseLocks) before loading them, shared
                        // for reads and exclusive for writes, on every node; Axon's in-process lock would only make
                        // concurrent reads of one case queue behind each other.
                        .configureLockFactory(c -> NullLockFactory.INSTANCE)
                        .configureCommandTargetResolver(c -> targets))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Meeting.class)
                        .configureLockFactory(c -> NullLockFactory.INSTANCE)
                        .configureCommandTargetResolver(c -> targets));
    }
}
