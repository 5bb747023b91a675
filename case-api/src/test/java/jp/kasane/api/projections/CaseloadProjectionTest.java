package jp.kasane.api.projections;

import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.core.supportcase.HouseholdMember;
import jp.kasane.core.supportcase.events.CaseOpened;
import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.access.Purpose;
import jp.kasane.core.consent.ConsentCapacity;
import jp.kasane.core.meeting.PlanRole;
import jp.kasane.core.referral.WithdrawalCause;
import jp.kasane.core.supportcase.Phase;
import jp.kasane.core.supportcase.events.AcceptedForSupport;
import jp.kasane.core.supportcase.events.CaseClosed;
import jp.kasane.core.supportcase.events.CaseEscalated;
import jp.kasane.core.supportcase.events.CaseEvent;
import jp.kasane.core.supportcase.events.CaseReopened;
import jp.kasane.core.supportcase.events.CaseSuspended;
import jp.kasane.core.supportcase.events.ConsentGiven;
import jp.kasane.core.supportcase.events.ConsentWithdrawn;
import jp.kasane.core.supportcase.events.ParticipationSupportApproved;
import jp.kasane.core.supportcase.events.PlanAdopted;
import jp.kasane.core.supportcase.events.ReferralAccepted;
import jp.kasane.core.supportcase.events.ReferralDeclined;
import jp.kasane.core.supportcase.events.ReferralWithdrawn;
import jp.kasane.projections.Page;
import jp.kasane.projections.caseload.CaseloadItem;
import jp.kasane.projections.caseload.CaseloadProjection;
import jp.kasane.projections.caseload.CaseloadQueries;
import org.axonframework.eventhandling.ReplayStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static jp.kasane.api.projections.ProjectionFixtures.TEXT;
import static jp.kasane.api.projections.ProjectionFixtures.agency;
import static jp.kasane.api.projections.ProjectionFixtures.consent;
import static jp.kasane.api.projections.ProjectionFixtures.consultation;
import static jp.kasane.api.projections.ProjectionFixtures.consulted;
import static jp.kasane.api.projections.ProjectionFixtures.id;
import static jp.kasane.api.projections.ProjectionFixtures.opened;
import static jp.kasane.api.projections.ProjectionFixtures.referral;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The caseload read model (担当ケース一覧) and the escalation list: the projection's handler driven directly with each
 * case's events in stream order, read back through its queries. What a holding is comes from the disclosure policy;
 * {@link CaseloadHoldersFollowThePolicyTest} compares the two over random histories.
 */
@KasaneIntegrationTest
class CaseloadProjectionTest {

    private static final Set<InformationCategory> BASIC = Set.of(InformationCategory.BASIC);

    @Autowired
    CaseloadProjection projection;
    @Autowired
    CaseloadQueries queries;
    @Autowired
    Clock clock;
    @Autowired
    JdbcTemplate jdbc;

    private Instant t;
    private final Map<String, Long> sequences = new HashMap<>();

    /** Event timestamps: strictly increasing, starting a little in the past. */
    private Instant next() {
        t = t == null ? clock.instant().minus(Duration.ofHours(1)) : t.plusSeconds(1);
        return t;
    }

    /** Hands the event to the projection as the next event of its case's stream, at the current time. */
    private void on(CaseEvent event) {
        long sequence = sequences.merge(event.caseId(), 0L, (a, b) -> a + 1);
        projection.on(event, sequence, t, ReplayStatus.REGULAR);
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

        on(opened(caseId, north, next(), "ISSUE_8050", "HIKIKOMORI", "MENTAL_HEALTH", "DEBT"));

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
        on(opened(caseId, north, next(), "ISSUE_8050"));

        on(consulted(caseId, north, next(), "POVERTY", "ISSUE_8050", "HOUSING", "POVERTY"));

        assertThat(only(north).issues()).containsExactly("ISSUE_8050", "POVERTY", "HOUSING");
    }

    @Test
    void aConsultationThatChangesNoHoldingLeavesItsRowsAloneAndOneThatDoesRewritesThem() {
        String north = agency("houkatsu");
        String caseId = id();
        on(opened(caseId, north, next(), "ISSUE_8050"));
        String written = holdingRowVersions(caseId);

        on(consulted(caseId, north, next(), "ISSUE_8050"));
        assertThat(holdingRowVersions(caseId)).as("the same holdings: rows not written again").isEqualTo(written);

        on(consulted(caseId, north, next(), "POVERTY"));
        assertThat(holdingRowVersions(caseId)).as("a new issue the holder sees: rows replaced").isNotEqualTo(written);
        assertThat(only(north).issues()).containsExactly("ISSUE_8050", "POVERTY");
    }

    /** The transaction that wrote each of the case's holding rows (PostgreSQL's xmin): changes when a row is rewritten. */
    private String holdingRowVersions(String caseId) {
        return jdbc.queryForObject("select string_agg(xmin::text, ',' order by agency_id, segment) from caseload_holding "
                + "where case_id = ?", String.class, caseId);
    }

    @Test
    void aReferralReceiverHoldsTheCaseOnlyOnceItAcceptsAndOnlySeesTheIssuesItsCategoriesCover() {
        String north = agency("houkatsu");
        String jiritsu = agency("jiritsu");
        String caseId = id();
        String consentId = id();
        String referralId = id();
        on(opened(caseId, north, next(), "ISSUE_8050", "MENTAL_HEALTH", "DEBT", "DISABILITY"));
        on(consent(caseId, consentId, today().plusYears(1), Set.of(jiritsu),
                Set.of(InformationCategory.BASIC, InformationCategory.FINANCE), north, next()));
        on(referral(caseId, referralId, north, jiritsu, consentId,
                Set.of(InformationCategory.BASIC, InformationCategory.FINANCE), next(), t.plus(Duration.ofDays(7))));

        assertThat(caseload(jiritsu)).as("a requested referral is not a holding yet").isEmpty();
        assertThat(only(north).openReferrals()).isEqualTo(1);

        on(new ReferralAccepted(caseId, referralId, jiritsu, next()));

        CaseloadItem item = only(jiritsu);
        assertThat(item.issues()).as("BASIC and FINANCE only: no MENTAL_HEALTH, no DISABILITY")
                .containsExactly("ISSUE_8050", "DEBT");
    }

    @Test
    void withdrawingTheConsentEndsTheHoldingsThatRestedOnIt() {
        String north = agency("houkatsu");
        String jiritsu = agency("jiritsu");
        String caseId = id();
        String consentId = id();
        String referralId = id();
        on(opened(caseId, north, next(), "ISSUE_8050"));
        on(consent(caseId, consentId, today().plusYears(1), Set.of(jiritsu), BASIC, north, next()));
        on(referral(caseId, referralId, north, jiritsu, consentId, BASIC, next(), t.plus(Duration.ofDays(7))));
        on(new ReferralAccepted(caseId, referralId, jiritsu, next()));
        assertThat(caseload(jiritsu)).hasSize(1);

        on(new ConsentWithdrawn(caseId, consentId, null, next()));

        assertThat(caseload(jiritsu)).isEmpty();
        assertThat(caseload(north)).hasSize(1);
    }

    @Test
    void aHoldingEndsWhenItsConsentExpiresWithoutAnyEvent() {
        String north = agency("houkatsu");
        String jiritsu = agency("jiritsu");
        String caseId = id();
        String consentId = id();
        String referralId = id();
        on(opened(caseId, north, next(), "ISSUE_8050"));
        on(consent(caseId, consentId, today(), Set.of(jiritsu), BASIC, north, next()));
        on(referral(caseId, referralId, north, jiritsu, consentId, BASIC, next(), t.plus(Duration.ofDays(7))));
        on(new ReferralAccepted(caseId, referralId, jiritsu, next()));

        Instant endOfToday = today().plusDays(1).atStartOfDay(ZoneId.of("Asia/Tokyo")).toInstant();
        assertThat(queries.holders(caseId, endOfToday.minusSeconds(1))).extracting(CaseloadQueries.Holder::agencyId)
                .containsExactlyInAnyOrder(north, jiritsu);
        assertThat(queries.holders(caseId, endOfToday)).extracting(CaseloadQueries.Holder::agencyId)
                .containsExactly(north);
    }

    @Test
    void declinedAndWithdrawnReferralsAreNoHoldingAndNotOpen() {
        String north = agency("houkatsu");
        String jiritsu = agency("jiritsu");
        String kikan = agency("kikan");
        String caseId = id();
        String consentId = id();
        String toJiritsu = id();
        String toKikan = id();
        on(opened(caseId, north, next()));
        on(consent(caseId, consentId, today().plusYears(1), Set.of(jiritsu, kikan), BASIC, north, next()));
        on(referral(caseId, toJiritsu, north, jiritsu, consentId, BASIC, next(), t.plus(Duration.ofDays(7))));
        on(referral(caseId, toKikan, north, kikan, consentId, BASIC, next(), t.plus(Duration.ofDays(7))));

        on(new ReferralDeclined(caseId, toJiritsu, jiritsu, TEXT, next()));
        on(new ReferralWithdrawn(caseId, toKikan, WithdrawalCause.BY_SENDER, null, next()));

        assertThat(caseload(jiritsu)).isEmpty();
        assertThat(caseload(kikan)).isEmpty();
        assertThat(only(north).openReferrals()).isZero();
    }

    @Test
    void anEscalatedCaseIsOnTheCoordinatorsListButHeldOnlyOnAConsentNamingIt() {
        String north = agency("houkatsu");
        String coordinator = agency("city");
        String caseId = id();
        on(opened(caseId, north, next(), "ISSUE_8050"));
        on(new CaseEscalated(caseId, north, coordinator, null));

        assertThat(caseload(coordinator)).as("escalation alone is no holding").isEmpty();
        Page<CaseloadQueries.Escalation> list = queries.escalations(coordinator, 0, 50);
        assertThat(list.items()).singleElement().satisfies(e -> {
            assertThat(e.caseId()).isEqualTo(caseId);
            assertThat(e.openingAgencyId()).isEqualTo(north);
            assertThat(e.basis()).isNull();
        });

        next();
        on(consent(caseId, id(), today().plusYears(1), Set.of(coordinator), BASIC, north, t));

        assertThat(only(coordinator).caseId()).isEqualTo(caseId);
        assertThat(queries.escalations(coordinator, 0, 50).items().get(0).basis()).isEqualTo("CONSENT");
    }

    @Test
    void planRolesTheLeadAndPartnersHoldTheCaseOnlyWhileAConsentNamesThem() {
        String north = agency("houkatsu");
        String jiritsu = agency("jiritsu");
        String lead = agency("csw");
        String partner = agency("npo");
        String caseId = id();
        String consentId = id();
        on(opened(caseId, north, next(), "ISSUE_8050", "DEBT"));
        on(consent(caseId, consentId, today().plusYears(1), Set.of(jiritsu, lead, partner), BASIC, north, next()));
        on(new AcceptedForSupport(caseId, "m1"));
        on(new PlanAdopted(caseId, "m1", List.of(TEXT), List.of(new PlanRole(jiritsu, TEXT)), lead,
                today().plusMonths(3), List.of()));
        on(new ParticipationSupportApproved(caseId, "m1", partner));

        assertThat(only(jiritsu).issues()).as("BASIC only: no DEBT").containsExactly("ISSUE_8050");
        assertThat(only(lead).leadAgencyId()).isEqualTo(lead);
        assertThat(only(lead).nextReviewOn()).isEqualTo(today().plusMonths(3));
        assertThat(only(partner).phase()).isEqualTo(Phase.SUPPORTING);

        next();
        on(new ConsentWithdrawn(caseId, consentId, null, t));

        assertThat(caseload(jiritsu)).as("a plan role rests on the consent").isEmpty();
        assertThat(caseload(lead)).isEmpty();
        assertThat(caseload(partner)).isEmpty();
        assertThat(caseload(north)).hasSize(1);
    }

    @Test
    void theConsentOfOnePersonDoesNotLetAHolderSeeTheIssuesOfAnother() {
        String north = agency("houkatsu");
        String jiritsu = agency("jiritsu");
        String caseId = id();
        String referralId = id();
        String consentId = id();
        // A household of mother (p1) and son (p2); the first consultation is about the mother.
        on(new CaseOpened(caseId, north, List.of(new HouseholdMember("p1", "SELF", TEXT, TEXT),
                new HouseholdMember("p2", "CHILD", TEXT, TEXT)), consultation(north, next(), "ISSUE_8050")));
        // A second consultation about the son (p2), who has given no consent: its flag belongs to him.
        on(new jp.kasane.core.supportcase.events.ConsultationRecorded(caseId, new jp.kasane.core.supportcase.Consultation(
                id(), north, next(), jp.kasane.core.supportcase.Channel.VISIT, TEXT, List.of("HIKIKOMORI"),
                Set.of(InformationCategory.NOTES), List.of("p2"))));
        on(new ConsentGiven(caseId, consentId, "p1", ConsentCapacity.SELF, Set.of(jiritsu), Set.of(),
                Set.of(Purpose.SUPPORT_COORDINATION), BASIC, today().plusYears(1), north, next(), Set.of("p1"), null));
        on(referral(caseId, referralId, north, jiritsu, consentId, BASIC, next(), t.plus(Duration.ofDays(7))));
        on(new ReferralAccepted(caseId, referralId, jiritsu, next()));

        assertThat(only(jiritsu).issues()).containsExactly("ISSUE_8050");
        assertThat(only(north).issues()).containsExactly("ISSUE_8050", "HIKIKOMORI");
    }

    @Test
    void aClosedCaseLeavesTheCaseloadAndComesBackWhenReopened() {
        String north = agency("houkatsu");
        String caseId = id();
        on(opened(caseId, north, next()));

        on(new CaseClosed(caseId, null, north, TEXT, TEXT, List.of()));
        next();
        assertThat(caseload(north)).isEmpty();
        assertThat(queries.caseload(north, 0, 10).total()).as("counted from the holdings").isZero();

        on(new CaseReopened(caseId, north, Phase.CLOSED));
        assertThat(only(north).phase()).isEqualTo(Phase.INTAKE);
        assertThat(queries.caseload(north, 0, 10).total()).isEqualTo(1);
    }

    @Test
    void aSuspendedCaseStaysOnTheCaseload() {
        String north = agency("houkatsu");
        String caseId = id();
        on(opened(caseId, north, next()));

        on(new CaseSuspended(caseId, "m1", TEXT, List.of()));

        assertThat(only(north).phase()).isEqualTo(Phase.SUSPENDED);
        assertThat(queries.caseload(north, 0, 10).total()).isEqualTo(1);
    }

    @Test
    void pagesAreOrderedByLastChangeWithTheirTotal() {
        String north = agency("houkatsu");
        String first = id();
        String second = id();
        String third = id();
        on(opened(first, north, next()));
        on(opened(second, north, next()));
        on(opened(third, north, next()));
        next();
        on(consulted(first, north, t));

        Page<CaseloadItem> page0 = queries.caseload(north, 0, 2);
        Page<CaseloadItem> page1 = queries.caseload(north, 1, 2);

        assertThat(page0.total()).isEqualTo(3);
        assertThat(page0.items()).extracting(CaseloadItem::caseId).containsExactly(first, third);
        assertThat(page1.items()).extracting(CaseloadItem::caseId).containsExactly(second);
    }

    @Test
    void pagingParametersAreChecked() {
        assertThatThrownBy(() -> queries.caseload("x", -1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queries.caseload("x", 0, 501)).isInstanceOf(IllegalArgumentException.class);
    }
}
