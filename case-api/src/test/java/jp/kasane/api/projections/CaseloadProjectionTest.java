package jp.kasane.api.projections;

import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.meeting.MeetingKind;
import jp.kasane.core.meeting.PlanRole;
import jp.kasane.core.referral.WithdrawalCause;
import jp.kasane.core.supportcase.CaseState;
import jp.kasane.core.supportcase.Phase;
import jp.kasane.core.supportcase.events.AcceptedForSupport;
import jp.kasane.core.supportcase.events.AssessmentRecorded;
import jp.kasane.core.supportcase.events.CaseClosed;
import jp.kasane.core.supportcase.events.CaseDisclosed;
import jp.kasane.core.supportcase.events.CaseEscalated;
import jp.kasane.core.supportcase.events.CaseEvaluated;
import jp.kasane.core.supportcase.events.CaseEvent;
import jp.kasane.core.supportcase.events.CaseReopened;
import jp.kasane.core.supportcase.events.CaseSuspended;
import jp.kasane.core.supportcase.events.CaseTabledAtMeeting;
import jp.kasane.core.supportcase.events.ConsentWithdrawn;
import jp.kasane.core.supportcase.events.MonitoringNoteRecorded;
import jp.kasane.core.supportcase.events.ParticipationSupportApproved;
import jp.kasane.core.supportcase.events.PlanAdopted;
import jp.kasane.core.supportcase.events.ReferralAccepted;
import jp.kasane.core.supportcase.events.ReferralCompleted;
import jp.kasane.core.supportcase.events.ReferralDeclined;
import jp.kasane.core.supportcase.events.ReferralWithdrawn;
import jp.kasane.core.supportcase.events.ResourceGapNoted;
import jp.kasane.core.access.LegalBasis;
import jp.kasane.core.access.Purpose;
import jp.kasane.projections.Page;
import jp.kasane.projections.caseload.CaseloadItem;
import jp.kasane.projections.caseload.CaseloadProjection;
import jp.kasane.projections.caseload.CaseloadQueries;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static jp.kasane.api.projections.ProjectionFixtures.TEXT;
import static jp.kasane.api.projections.ProjectionFixtures.agency;
import static jp.kasane.api.projections.ProjectionFixtures.consent;
import static jp.kasane.api.projections.ProjectionFixtures.consulted;
import static jp.kasane.api.projections.ProjectionFixtures.id;
import static jp.kasane.api.projections.ProjectionFixtures.opened;
import static jp.kasane.api.projections.ProjectionFixtures.referral;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The caseload read model (担当ケース一覧): its event handlers driven directly, read back through its queries. */
@KasaneIntegrationTest
class CaseloadProjectionTest {

    private static final Set<InformationCategory> BASIC = Set.of(InformationCategory.BASIC);

    @Autowired
    CaseloadProjection projection;
    @Autowired
    CaseloadQueries queries;
    @Autowired
    Clock clock;

    private Instant t;

    /** Event timestamps: strictly increasing, starting a little in the past. */
    private Instant next() {
        t = t == null ? clock.instant().minus(Duration.ofHours(1)) : t.plusSeconds(1);
        return t;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Tokyo"));
    }

    private List<CaseloadItem> caseload(String agencyId) {
        return queries.caseload(agencyId, 0, 500).items();
    }

    private CaseloadItem only(String agencyId) {
        List<CaseloadItem> items = caseload(agencyId);
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    @Test
    void theOpeningAgencyHoldsItsNewCaseWithEveryIssue() {
        String north = agency("houkatsu");
        String caseId = id();

        projection.on(opened(caseId, north, next(), "ISSUE_8050", "HIKIKOMORI", "MENTAL_HEALTH", "DEBT"), t);

        CaseloadItem item = only(north);
        assertThat(item.caseId()).isEqualTo(caseId);
        assertThat(item.phase()).isEqualTo(Phase.INTAKE);
        assertThat(item.issues()).containsExactly("ISSUE_8050", "HIKIKOMORI", "MENTAL_HEALTH", "DEBT");
        assertThat(item.leadAgencyId()).isEqualTo(north);
        assertThat(item.nextReviewOn()).isNull();
        assertThat(item.openReferrals()).isZero();
        assertThat(caseload(agency("other"))).isEmpty();
    }

    @Test
    void furtherConsultationsAddNewIssuesOnceInTheOrderTheyAppeared() {
        String north = agency("houkatsu");
        String caseId = id();
        projection.on(opened(caseId, north, next(), "ISSUE_8050"), t);

        projection.on(consulted(caseId, north, next(), "POVERTY", "ISSUE_8050", "HOUSING", "POVERTY"), t);

        assertThat(only(north).issues()).containsExactly("ISSUE_8050", "POVERTY", "HOUSING");
    }

    @Test
    void aReferralReceiverHoldsTheCaseOnlyOnceItAcceptsAndOnlySeesTheIssuesItsCategoriesCover() {
        String north = agency("houkatsu");
        String jiritsu = agency("jiritsu");
        String kikan = agency("kikan");
        String caseId = id();
        String consentId = id();
        String toJiritsu = id();
        String toKikan = id();
        projection.on(opened(caseId, north, next(), "ISSUE_8050", "MENTAL_HEALTH", "DEBT", "DISABILITY"), t);
        projection.on(consent(caseId, consentId, today().plusYears(1), Set.of(jiritsu, kikan),
                Set.of(InformationCategory.BASIC, InformationCategory.FINANCE, InformationCategory.DISABILITY), north, next()), t);

        projection.on(referral(caseId, toJiritsu, north, jiritsu, consentId,
                Set.of(InformationCategory.BASIC, InformationCategory.FINANCE), next(), t.plus(Duration.ofDays(7))), t);
        projection.on(referral(caseId, toKikan, north, kikan, consentId, BASIC, next(), t.plus(Duration.ofDays(7))), t);

        assertThat(caseload(jiritsu)).as("a requested referral is not a holding yet").isEmpty();
        assertThat(only(north).openReferrals()).isEqualTo(2);

        projection.on(new ReferralAccepted(caseId, toJiritsu, jiritsu, next()), t);
        projection.on(new ReferralAccepted(caseId, toKikan, kikan, next()), t);

        assertThat(only(jiritsu).issues()).containsExactly("ISSUE_8050", "DEBT");
        assertThat(only(kikan).issues()).as("a BASIC-only referral does not reveal MENTAL_HEALTH or DISABILITY")
                .containsExactly("ISSUE_8050");
        assertThat(only(north).issues()).containsExactly("ISSUE_8050", "MENTAL_HEALTH", "DEBT", "DISABILITY");
        assertThat(only(north).openReferrals()).isEqualTo(2);

        projection.on(new ReferralCompleted(caseId, toJiritsu, jiritsu, next()), t);

        assertThat(only(jiritsu).issues()).as("completing keeps the holding").containsExactly("ISSUE_8050", "DEBT");
        assertThat(only(north).openReferrals()).isEqualTo(1);
    }

    @Test
    void withdrawingTheConsentEndsTheHoldingsThatRestedOnItButNotOthers() {
        String north = agency("houkatsu");
        String jiritsu = agency("jiritsu");
        String kodomo = agency("kodomo");
        String csw = agency("csw");
        String caseId = id();
        String consentA = id();
        String consentB = id();
        String toJiritsu = id();
        String toKodomo = id();
        String toCsw = id();
        String pending = id();
        projection.on(opened(caseId, north, next(), "ISSUE_8050", "YOUNG_CARER"), t);
        projection.on(consent(caseId, consentA, today().plusYears(1), Set.of(jiritsu, csw), BASIC, north, next()), t);
        projection.on(consent(caseId, consentB, today().plusYears(1), Set.of(kodomo), BASIC, north, next()), t);
        projection.on(referral(caseId, toJiritsu, north, jiritsu, consentA, BASIC, next(), t.plus(Duration.ofDays(7))), t);
        projection.on(referral(caseId, toKodomo, north, kodomo, consentB, BASIC, next(), t.plus(Duration.ofDays(7))), t);
        projection.on(referral(caseId, toCsw, north, csw, null, BASIC, next(), t.plus(Duration.ofDays(7))), t);
        projection.on(referral(caseId, pending, north, agency("npo"), consentA, BASIC, next(), t.plus(Duration.ofDays(7))), t);
        projection.on(new ReferralAccepted(caseId, toJiritsu, jiritsu, next()), t);
        projection.on(new ReferralAccepted(caseId, toKodomo, kodomo, next()), t);
        projection.on(new ReferralAccepted(caseId, toCsw, csw, next()), t);
        assertThat(caseload(jiritsu)).hasSize(1);
        assertThat(only(north).openReferrals()).isEqualTo(4);

        // The aggregate withdraws the pending referral resting on the consent in the same breath.
        projection.on(new ConsentWithdrawn(caseId, consentA, TEXT, next()), t);
        projection.on(new ReferralWithdrawn(caseId, pending, WithdrawalCause.CONSENT_WITHDRAWN, null, t), t);

        assertThat(caseload(jiritsu)).as("its holding rested on the withdrawn consent").isEmpty();
        assertThat(caseload(kodomo)).as("another consent still holds").hasSize(1);
        assertThat(caseload(csw)).as("a 支援会議-based referral does not rest on consent").hasSize(1);
        assertThat(caseload(north)).hasSize(1);
        assertThat(only(north).openReferrals()).as("accepted referrals stay open on the case").isEqualTo(3);
    }

    @Test
    void aHoldingThroughAConsentThatHasExpiredIsNotShown() {
        String north = agency("houkatsu");
        String jiritsu = agency("jiritsu");
        String caseId = id();
        String consentId = id();
        String referralId = id();
        projection.on(opened(caseId, north, next(), "POVERTY"), t);
        projection.on(consent(caseId, consentId, today().minusDays(2), Set.of(jiritsu),
                Set.of(InformationCategory.BASIC, InformationCategory.FINANCE), north, next()), t);
        projection.on(referral(caseId, referralId, north, jiritsu, consentId, Set.of(InformationCategory.FINANCE), next(),
                t.plus(Duration.ofDays(7))), t);
        projection.on(new ReferralAccepted(caseId, referralId, jiritsu, next()), t);

        assertThat(caseload(jiritsu)).isEmpty();
        assertThat(caseload(north)).hasSize(1);
    }

    @Test
    void declinedAndWithdrawnReferralsAreNoHoldingAndNotOpen() {
        String north = agency("houkatsu");
        String jiritsu = agency("jiritsu");
        String kikan = agency("kikan");
        String caseId = id();
        String consentId = id();
        String declined = id();
        String withdrawn = id();
        projection.on(opened(caseId, north, next(), "HOUSING"), t);
        projection.on(consent(caseId, consentId, today().plusYears(1), Set.of(jiritsu, kikan), BASIC, north, next()), t);
        projection.on(referral(caseId, declined, north, jiritsu, consentId, BASIC, next(), t.plus(Duration.ofDays(7))), t);
        projection.on(referral(caseId, withdrawn, north, kikan, consentId, BASIC, next(), t.plus(Duration.ofDays(7))), t);

        projection.on(new ReferralDeclined(caseId, declined, jiritsu, TEXT, next()), t);
        projection.on(new ReferralWithdrawn(caseId, withdrawn, WithdrawalCause.BY_SENDER, TEXT, next()), t);

        assertThat(caseload(jiritsu)).isEmpty();
        assertThat(caseload(kikan)).isEmpty();
        assertThat(only(north).openReferrals()).isZero();
    }

    @Test
    void theCoordinatorHoldsAnEscalatedCaseWithEveryCategory() {
        String north = agency("houkatsu");
        String city = agency("city-welfare");
        String caseId = id();
        projection.on(opened(caseId, north, next(), "ISSUE_8050", "MENTAL_HEALTH", "REOFFENDING_PREVENTION"), t);
        assertThat(caseload(city)).isEmpty();

        projection.on(new CaseEscalated(caseId, north, city, TEXT), next());

        assertThat(only(city).issues()).containsExactly("ISSUE_8050", "MENTAL_HEALTH", "REOFFENDING_PREVENTION");
        assertThat(only(north).caseId()).isEqualTo(caseId);
    }

    @Test
    void planRolesTheLeadAndParticipationPartnersHoldTheCaseWithBasicOnly() {
        String north = agency("houkatsu");
        String city = agency("city-welfare");
        String jiritsu = agency("jiritsu");
        String kodomo = agency("kodomo");
        String npo = agency("npo-ibasho");
        String caseId = id();
        String meetingId = id();
        LocalDate review = today().plusMonths(3);
        projection.on(opened(caseId, north, next(), "HIKIKOMORI", "MENTAL_HEALTH", "DEBT"), t);
        projection.on(new CaseEscalated(caseId, north, city, TEXT), next());
        projection.on(new AcceptedForSupport(caseId, meetingId), next());

        projection.on(new PlanAdopted(caseId, meetingId, List.of(TEXT),
                List.of(new PlanRole(jiritsu, TEXT), new PlanRole(kodomo, TEXT)), city, review), next());

        CaseloadItem forJiritsu = only(jiritsu);
        assertThat(forJiritsu.phase()).isEqualTo(Phase.PLANNED);
        assertThat(forJiritsu.issues()).containsExactly("HIKIKOMORI");
        assertThat(forJiritsu.leadAgencyId()).isEqualTo(city);
        assertThat(forJiritsu.nextReviewOn()).isEqualTo(review);
        assertThat(only(kodomo).issues()).containsExactly("HIKIKOMORI");
        assertThat(only(north).leadAgencyId()).isEqualTo(city);
        assertThat(only(north).nextReviewOn()).isEqualTo(review);

        // A revised plan replaces the roles: kodomo no longer has one, jiritsu now leads.
        projection.on(new PlanAdopted(caseId, meetingId, List.of(TEXT), List.of(new PlanRole(city, TEXT)),
                jiritsu, review.plusMonths(3)), next());
        assertThat(caseload(kodomo)).isEmpty();
        assertThat(only(jiritsu).leadAgencyId()).isEqualTo(jiritsu);
        assertThat(only(jiritsu).nextReviewOn()).isEqualTo(review.plusMonths(3));
        assertThat(only(city).issues()).as("the coordinator's own holding still covers everything")
                .containsExactly("HIKIKOMORI", "MENTAL_HEALTH", "DEBT");

        projection.on(new ParticipationSupportApproved(caseId, meetingId, npo), next());
        assertThat(only(npo).issues()).containsExactly("HIKIKOMORI");
        assertThat(only(npo).phase()).isEqualTo(Phase.SUPPORTING);
    }

    @Test
    void aClosedCaseLeavesTheCaseloadAndComesBackWhenReopened() {
        String north = agency("houkatsu");
        String keep = id();
        String close = id();
        projection.on(opened(keep, north, next(), "HOARDING"), t);
        projection.on(opened(close, north, next(), "ANIMAL_HOARDING"), t);

        projection.on(new CaseClosed(close, null, north, TEXT, TEXT), next());

        assertThat(caseload(north)).extracting(CaseloadItem::caseId).containsExactly(keep);
        assertThat(queries.caseload(north, 0, 50).total()).isEqualTo(1);

        projection.on(new CaseReopened(close, north, Phase.CLOSED), next());
        assertThat(caseload(north)).extracting(CaseloadItem::caseId).containsExactly(close, keep);
        assertThat(caseload(north).get(0).phase()).isEqualTo(Phase.INTAKE);
    }

    @Test
    void aSuspendedCaseStaysOnTheCaseload() {
        String north = agency("houkatsu");
        String caseId = id();
        projection.on(opened(caseId, north, next(), "NON_ATTENDANCE"), t);

        projection.on(new CaseSuspended(caseId, id(), TEXT), next());

        assertThat(only(north).phase()).isEqualTo(Phase.SUSPENDED);
    }

    @Test
    void pagesAreOrderedByLastChangeWithTheirTotal() {
        String north = agency("houkatsu");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String caseId = id();
            ids.add(caseId);
            projection.on(opened(caseId, north, next(), "ISSUE_8050"), t);
        }
        // The oldest case changes last: it moves to the top.
        projection.on(consulted(ids.get(0), north, next(), "DEBT"), t);

        Page<CaseloadItem> first = queries.caseload(north, 0, 2);
        Page<CaseloadItem> second = queries.caseload(north, 1, 2);
        Page<CaseloadItem> third = queries.caseload(north, 2, 2);
        Page<CaseloadItem> beyond = queries.caseload(north, 7, 2);

        assertThat(first.total()).isEqualTo(5);
        assertThat(first.page()).isZero();
        assertThat(first.size()).isEqualTo(2);
        assertThat(first.items()).extracting(CaseloadItem::caseId).containsExactly(ids.get(0), ids.get(4));
        assertThat(second.items()).extracting(CaseloadItem::caseId).containsExactly(ids.get(3), ids.get(2));
        assertThat(third.items()).extracting(CaseloadItem::caseId).containsExactly(ids.get(1));
        assertThat(third.total()).isEqualTo(5);
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(5);
    }

    @Test
    void pagingParametersAreChecked() {
        assertThatThrownBy(() -> queries.caseload("x", -1, 50)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queries.caseload("x", 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queries.caseload("x", 0, 501)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void phasesFollowCaseStateEventForEvent() throws Exception {
        String north = agency("houkatsu");
        String city = agency("city-welfare");
        String npo = agency("npo");
        String caseId = id();
        String meeting = id();
        LocalDate review = today().plusMonths(2);
        List<CaseEvent> stream = List.of(
                opened(caseId, north, next(), "ISSUE_8050", "DEMENTIA"),
                // a plan cannot move a case that was not accepted for support
                new AssessmentRecorded(caseId, id(), north, next(), TEXT),
                new CaseEscalated(caseId, north, city, TEXT),
                new CaseTabledAtMeeting(caseId, meeting, MeetingKind.MULTILAYER_MEETING, today(), city, Set.of(north, city), next()),
                new AcceptedForSupport(caseId, meeting),
                new PlanAdopted(caseId, meeting, List.of(TEXT), List.of(new PlanRole(north, TEXT)), city, review),
                new ResourceGapNoted(caseId, meeting, TEXT),
                new ParticipationSupportApproved(caseId, meeting, npo),
                new MonitoringNoteRecorded(caseId, id(), north, next(), TEXT),
                new PlanAdopted(caseId, meeting, List.of(TEXT), List.of(), null, review.plusMonths(1)),
                new CaseDisclosed(caseId, npo, "staff-1", LegalBasis.OWN_RECORD, BASIC, Purpose.SUPPORT_COORDINATION, null, false),
                new CaseEvaluated(caseId, meeting, TEXT),
                new CaseSuspended(caseId, meeting, TEXT),
                new CaseReopened(caseId, north, Phase.SUSPENDED),
                consulted(caseId, north, next(), "MENTAL_HEALTH"),
                new AssessmentRecorded(caseId, id(), north, next(), TEXT),
                new PlanAdopted(caseId, meeting, List.of(TEXT), List.of(), north, review),
                new CaseClosed(caseId, null, north, TEXT, TEXT));

        CaseState state = new CaseState();
        AnnotationEventHandlerAdapter axon = new AnnotationEventHandlerAdapter(projection);
        long sequence = 0;
        for (CaseEvent event : stream) {
            state.apply(event);
            axon.handle(new GenericDomainEventMessage<>("SupportCase", caseId, sequence++, event, MetaData.emptyInstance(),
                    id(), next()));
            List<CaseloadItem> items = caseload(north);
            if (state.phase() == Phase.CLOSED) {
                assertThat(items).as("after %s", event.getClass().getSimpleName()).isEmpty();
            } else {
                assertThat(items).as("after %s", event.getClass().getSimpleName()).hasSize(1);
                CaseloadItem item = items.get(0);
                assertThat(item.phase()).as("phase after %s", event.getClass().getSimpleName()).isEqualTo(state.phase());
                assertThat(item.leadAgencyId()).as("lead after %s", event.getClass().getSimpleName())
                        .isEqualTo(state.leadAgencyId());
                assertThat(item.issues()).containsExactlyElementsOf(state.issues());
                assertThat(item.nextReviewOn()).isEqualTo(state.plan().map(p -> p.reviewOn()).orElse(null));
            }
        }
    }

    @Test
    void deliveringEveryEventTwiceEndsInTheSameCaseloadAsOnce() throws Exception {
        String north = agency("houkatsu");
        String jiritsu = agency("jiritsu");
        String city = agency("city-welfare");
        String once = id();
        String twice = id();
        List<CaseloadItem> results = new ArrayList<>();
        for (String caseId : List.of(once, twice)) {
            String consentId = "c-" + caseId;
            String referralId = "r-" + caseId;
            String meeting = "m-" + caseId;
            List<CaseEvent> stream = List.of(
                    opened(caseId, north, next(), "ISSUE_8050", "DEBT"),
                    consulted(caseId, north, next(), "MENTAL_HEALTH"),
                    consent(caseId, consentId, today().plusYears(1), Set.of(jiritsu),
                            Set.of(InformationCategory.BASIC, InformationCategory.FINANCE), north, next()),
                    referral(caseId, referralId, north, jiritsu, consentId,
                            Set.of(InformationCategory.BASIC, InformationCategory.FINANCE), next(), next().plus(Duration.ofDays(5))),
                    new ReferralAccepted(caseId, referralId, jiritsu, next()),
                    new CaseEscalated(caseId, north, city, TEXT),
                    new AcceptedForSupport(caseId, meeting),
                    new PlanAdopted(caseId, meeting, List.of(TEXT), List.of(new PlanRole(jiritsu, TEXT)), city, today()),
                    new ReferralCompleted(caseId, referralId, jiritsu, next()));
            AnnotationEventHandlerAdapter axon = new AnnotationEventHandlerAdapter(projection);
            long sequence = 0;
            for (CaseEvent event : stream) {
                var message = new GenericDomainEventMessage<>("SupportCase", caseId, sequence++, event,
                        MetaData.emptyInstance(), id(), next());
                axon.handle(message);
                if (caseId.equals(twice)) {
                    axon.handle(message);
                }
            }
            if (caseId.equals(twice)) {
                // a streaming processor restarting from an older token re-delivers a whole suffix, in order
                sequence = 0;
                for (CaseEvent event : stream.subList(3, stream.size())) {
                    axon.handle(new GenericDomainEventMessage<>("SupportCase", caseId, sequence++, event,
                            MetaData.emptyInstance(), id(), t));
                }
            }
            CaseloadItem item = only(jiritsu);
            assertThat(item.caseId()).isEqualTo(caseId);
            results.add(item);
            projection.on(new CaseClosed(caseId, null, north, TEXT, TEXT), next());
        }

        CaseloadItem a = results.get(0);
        CaseloadItem b = results.get(1);
        assertThat(b).usingRecursiveComparison().ignoringFields("caseId").isEqualTo(a);
        assertThat(b.issues()).containsExactly("ISSUE_8050", "DEBT");
        assertThat(b.phase()).isEqualTo(Phase.PLANNED);
        assertThat(b.openReferrals()).isZero();
    }
}
