package jp.kasane.api.projections;

import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.access.Purpose;
import jp.kasane.core.consent.ConsentCapacity;
import jp.kasane.core.personaldata.Sealed;
import jp.kasane.core.referral.ReferralBasis;
import jp.kasane.core.supportcase.Channel;
import jp.kasane.core.supportcase.Consultation;
import jp.kasane.core.supportcase.HouseholdMember;
import jp.kasane.core.supportcase.events.CaseOpened;
import jp.kasane.core.supportcase.events.ConsentGiven;
import jp.kasane.core.supportcase.events.ConsultationRecorded;
import jp.kasane.core.supportcase.events.ReferralRequested;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/** Constructed events for the projection tests: fresh ids every time, so tests sharing a database never collide. */
final class ProjectionFixtures {

    static final Sealed TEXT = new Sealed("p1", "x");

    private ProjectionFixtures() {
    }

    static String id() {
        return UUID.randomUUID().toString();
    }

    /** A fresh agency id (a registry slug shape), so that an agency's caseload holds only this test's cases. */
    static String agency(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Consultation consultation(String agencyId, Instant at, String... issues) {
        return new Consultation(id(), agencyId, at, Channel.VISIT, TEXT, List.of(issues),
                Set.of(InformationCategory.NOTES), List.of());
    }

    static CaseOpened opened(String caseId, String agencyId, Instant at, String... issues) {
        return new CaseOpened(caseId, agencyId,
                List.of(new HouseholdMember("p1", "SELF", TEXT, TEXT)), consultation(agencyId, at, issues));
    }

    static ConsultationRecorded consulted(String caseId, String agencyId, Instant at, String... issues) {
        return new ConsultationRecorded(caseId, consultation(agencyId, at, issues));
    }

    static ConsentGiven consent(String caseId, String consentId, LocalDate validUntil, Set<String> agencyIds,
                                Set<InformationCategory> categories, String recordedBy, Instant at) {
        return new ConsentGiven(caseId, consentId, "p1", ConsentCapacity.SELF, agencyIds, Set.of(),
                Set.of(Purpose.SUPPORT_COORDINATION), categories, validUntil, recordedBy, at, Set.of("p1"), null);
    }

    static ReferralRequested referral(String caseId, String referralId, String from, String to, String consentId,
                                      Set<InformationCategory> categories, Instant requestedAt, Instant dueAt) {
        return new ReferralRequested(caseId, referralId, from, to, TEXT,
                consentId == null ? ReferralBasis.SUPPORT_MEETING_ART_106_6 : ReferralBasis.CONSENT,
                consentId, consentId == null ? id() : null, categories, requestedAt, dueAt, List.of());
    }

    /** The events handled in one batching unit of work on one Spring transaction, as a processor handles a batch. */
    static <T> void inBatch(PlatformTransactionManager transactionManager, List<T> events, Consumer<T> handler) {
        handle(transactionManager, events.stream().<EventMessage<?>>map(GenericEventMessage::asEventMessage).toList(),
                handler);
    }

    /** The same, the events replayed: each message's tracking token a replay's, short of where the reset was. */
    static <T> void inReplayingBatch(PlatformTransactionManager transactionManager, List<T> events,
                                     Consumer<T> handler) {
        TrackingToken atReset = new GlobalSequenceTrackingToken(1_000_000);
        List<EventMessage<?>> messages = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            TrackingToken replaying = ReplayToken.createReplayToken(atReset, new GlobalSequenceTrackingToken(i));
            EventMessage<?> event = GenericEventMessage.asEventMessage(events.get(i));
            messages.add(new GenericTrackedEventMessage<>(replaying, event));
        }
        handle(transactionManager, messages, handler);
    }

    @SuppressWarnings("unchecked")
    private static <T> void handle(PlatformTransactionManager transactionManager, List<EventMessage<?>> messages,
                                   Consumer<T> handler) {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(messages);
        unitOfWork.attachTransaction(new SpringTransactionManager(transactionManager));
        var result = unitOfWork.executeWithResult(() -> {
            handler.accept((T) unitOfWork.getMessage().getPayload());
            return null;
        });
        if (result.isExceptional()) {
            throw new IllegalStateException(result.exceptionResult());
        }
    }
}
