package jp.kasane.api.projections;

import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.core.access.Caller;
import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.access.Role;
import jp.kasane.core.referral.ReferralStatus;
import jp.kasane.core.referral.WithdrawalCause;
import jp.kasane.core.supportcase.events.ReferralAccepted;
import jp.kasane.core.supportcase.events.ReferralCompleted;
import jp.kasane.core.supportcase.events.ReferralDeclined;
import jp.kasane.core.supportcase.events.ReferralRequested;
import jp.kasane.core.supportcase.events.ReferralWithdrawn;
import jp.kasane.projections.Page;
import jp.kasane.projections.handoffs.HandoffFilter;
import jp.kasane.projections.handoffs.HandoffItem;
import jp.kasane.projections.handoffs.HandoffProjection;
import jp.kasane.projections.handoffs.HandoffQueries;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import static jp.kasane.api.projections.ProjectionFixtures.TEXT;
import static jp.kasane.api.projections.ProjectionFixtures.agency;
import static jp.kasane.api.projections.ProjectionFixtures.id;
import static jp.kasane.api.projections.ProjectionFixtures.referral;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-off board read model (つなぎボード): its event handlers driven directly, read back through its queries. */
@KasaneIntegrationTest
class HandoffProjectionTest {

    private static final Set<InformationCategory> BASIC = Set.of(InformationCategory.BASIC);

    @Autowired
    HandoffProjection projection;
    @Autowired
    HandoffQueries queries;
    @Autowired
    Clock clock;

    private Instant now() {
        // microseconds: what timestamptz keeps
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Caller caseworker(String agencyId) {
        return new Caller(agencyId, "staff-1", Set.of(Role.CASEWORKER));
    }

    private static HandoffFilter from(String agencyId) {
        return new HandoffFilter(null, null, agencyId, null);
    }

    private static HandoffFilter to(String agencyId) {
        return new HandoffFilter(null, agencyId, null, null);
    }

    private List<HandoffItem> board(Caller caller, HandoffFilter filter) {
        return queries.handoffs(caller, filter, 0, 500).items();
    }

    private HandoffItem one(Caller caller, String referralId, String fromAgencyId) {
        return board(caller, from(fromAgencyId)).stream().filter(i -> i.referralId().equals(referralId))
                .findFirst().orElseThrow();
    }

    private ReferralRequested request(String from, String to, Instant requestedAt, Instant dueAt) {
        ReferralRequested e = referral(id(), id(), from, to, id(), BASIC, requestedAt, dueAt);
        projection.on(e);
        return e;
    }

    @Test
    void aRequestedReferralShowsWithItsTimesAndIsOverdueOnlyPastItsDueTime() {
        String north = agency("houkatsu");
        String jiritsu = agency("jiritsu");
        Instant now = now();
        ReferralRequested late = request(north, jiritsu, now.minus(Duration.ofDays(10)), now.minus(Duration.ofHours(1)));
        ReferralRequested onTime = request(north, jiritsu, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(4)));

        List<HandoffItem> items = board(caseworker(north), HandoffFilter.none());

        assertThat(items).extracting(HandoffItem::referralId).containsExactly(onTime.referralId(), late.referralId());
        HandoffItem overdue = items.get(1);
        assertThat(overdue.caseId()).isEqualTo(late.caseId());
        assertThat(overdue.fromAgencyId()).isEqualTo(north);
        assertThat(overdue.toAgencyId()).isEqualTo(jiritsu);
        assertThat(overdue.status()).isEqualTo(ReferralStatus.REQUESTED);
        assertThat(overdue.requestedAt()).isEqualTo(late.requestedAt());
        assertThat(overdue.dueAt()).isEqualTo(late.dueAt());
        assertThat(overdue.answeredAt()).isNull();
        assertThat(overdue.overdue()).isTrue();
        assertThat(items.get(0).overdue()).isFalse();
    }

    @Test
    void answersMoveTheStatusAsTheAggregateDoes() {
        String north = agency("houkatsu");
        Caller caller = caseworker(north);
        Instant now = now();
        Instant past = now.minus(Duration.ofDays(10));
        Instant due = now.minus(Duration.ofDays(3));
        ReferralRequested accepted = request(north, agency("jiritsu"), past, due);
        ReferralRequested declined = request(north, agency("kikan"), past, due);
        ReferralRequested withdrawn = request(north, agency("kodomo"), past, due);
        ReferralRequested completed = request(north, agency("csw"), past, due);
        Instant answered = now.minus(Duration.ofDays(5));
        Instant done = now.minus(Duration.ofDays(1));

        projection.on(new ReferralAccepted(accepted.caseId(), accepted.referralId(), accepted.toAgencyId(), answered));
        projection.on(new ReferralDeclined(declined.caseId(), declined.referralId(), declined.toAgencyId(), TEXT, answered));
        projection.on(new ReferralWithdrawn(withdrawn.caseId(), withdrawn.referralId(), WithdrawalCause.CONSENT_WITHDRAWN, null, answered));
        projection.on(new ReferralAccepted(completed.caseId(), completed.referralId(), completed.toAgencyId(), answered));
        projection.on(new ReferralCompleted(completed.caseId(), completed.referralId(), completed.toAgencyId(), done));

        assertThat(one(caller, accepted.referralId(), north).status()).isEqualTo(ReferralStatus.ACCEPTED);
        assertThat(one(caller, declined.referralId(), north).status()).isEqualTo(ReferralStatus.DECLINED);
        assertThat(one(caller, withdrawn.referralId(), north).status()).isEqualTo(ReferralStatus.WITHDRAWN);
        assertThat(one(caller, completed.referralId(), north).status()).isEqualTo(ReferralStatus.COMPLETED);
        for (HandoffItem item : board(caller, from(north))) {
            assertThat(item.answeredAt()).as(item.status().name()).isEqualTo(answered);
            assertThat(item.overdue()).as("an answered referral is never overdue, even past its due time").isFalse();
        }
    }

    @Test
    void filtersCombine() {
        String north = agency("houkatsu");
        String south = agency("houkatsu");
        String jiritsu = agency("jiritsu");
        String kikan = agency("kikan");
        Caller auditor = new Caller("audit-office", "a-1", Set.of(Role.AUDITOR));
        Instant now = now();
        Instant past = now.minus(Duration.ofDays(10));
        ReferralRequested northToJiritsu = request(north, jiritsu, past, now.minus(Duration.ofDays(1)));
        ReferralRequested northToKikan = request(north, kikan, past.plusSeconds(1), now.plus(Duration.ofDays(1)));
        ReferralRequested southToJiritsu = request(south, jiritsu, past.plusSeconds(2), now.plus(Duration.ofDays(1)));
        projection.on(new ReferralAccepted(southToJiritsu.caseId(), southToJiritsu.referralId(), jiritsu, now));

        assertThat(board(auditor, to(jiritsu))).extracting(HandoffItem::referralId)
                .containsExactly(southToJiritsu.referralId(), northToJiritsu.referralId());
        assertThat(board(auditor, from(north))).extracting(HandoffItem::referralId)
                .containsExactly(northToKikan.referralId(), northToJiritsu.referralId());
        assertThat(board(auditor, new HandoffFilter(null, jiritsu, north, null))).extracting(HandoffItem::referralId)
                .containsExactly(northToJiritsu.referralId());
        assertThat(board(auditor, new HandoffFilter(ReferralStatus.ACCEPTED, jiritsu, null, null)))
                .extracting(HandoffItem::referralId).containsExactly(southToJiritsu.referralId());
        assertThat(board(auditor, new HandoffFilter(ReferralStatus.REQUESTED, null, north, null)))
                .extracting(HandoffItem::referralId)
                .containsExactly(northToKikan.referralId(), northToJiritsu.referralId());
        assertThat(board(auditor, new HandoffFilter(null, jiritsu, null, true)))
                .extracting(HandoffItem::referralId).containsExactly(northToJiritsu.referralId());
        assertThat(board(auditor, new HandoffFilter(null, jiritsu, null, false)))
                .extracting(HandoffItem::referralId).containsExactly(southToJiritsu.referralId());
        assertThat(board(auditor, new HandoffFilter(ReferralStatus.DECLINED, jiritsu, null, null))).isEmpty();
    }

    @Test
    void aCaseworkerSeesOnlyReferralsFromOrToItsOwnAgencyWhileAuditorsAndAnalystsSeeAll() {
        String north = agency("houkatsu");
        String south = agency("houkatsu");
        String jiritsu = agency("jiritsu");
        Instant now = now();
        ReferralRequested northToJiritsu = request(north, jiritsu, now.minusSeconds(30), now.plus(Duration.ofDays(5)));
        ReferralRequested southToJiritsu = request(south, jiritsu, now.minusSeconds(20), now.plus(Duration.ofDays(5)));
        ReferralRequested jiritsuToNorth = request(jiritsu, north, now.minusSeconds(10), now.plus(Duration.ofDays(5)));

        assertThat(board(caseworker(north), HandoffFilter.none())).extracting(HandoffItem::referralId)
                .containsExactly(jiritsuToNorth.referralId(), northToJiritsu.referralId());
        assertThat(board(caseworker(north), to(jiritsu))).extracting(HandoffItem::referralId)
                .containsExactly(northToJiritsu.referralId());
        assertThat(board(caseworker(north), from(south))).as("asking for another agency's referrals finds nothing")
                .isEmpty();
        assertThat(board(caseworker(jiritsu), HandoffFilter.none())).hasSize(3);
        assertThat(board(new Caller(north, "c-1", Set.of(Role.CASEWORKER, Role.COORDINATOR)), HandoffFilter.none()))
                .hasSize(2);

        for (Role role : List.of(Role.AUDITOR, Role.ANALYST)) {
            Caller reader = new Caller("planning", "r-1", Set.of(role));
            assertThat(board(reader, from(south))).extracting(HandoffItem::referralId)
                    .containsExactly(southToJiritsu.referralId());
            assertThat(board(reader, to(jiritsu))).hasSize(2);
            assertThat(queries.handoffs(reader, HandoffFilter.none(), 0, 1).total()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void pagesCarryTheTotal() {
        String north = agency("houkatsu");
        String jiritsu = agency("jiritsu");
        Instant now = now();
        for (int i = 0; i < 7; i++) {
            request(north, jiritsu, now.minusSeconds(100 - i), now.plus(Duration.ofDays(5)));
        }

        Page<HandoffItem> first = queries.handoffs(caseworker(north), HandoffFilter.none(), 0, 3);
        Page<HandoffItem> last = queries.handoffs(caseworker(north), HandoffFilter.none(), 2, 3);
        Page<HandoffItem> beyond = queries.handoffs(caseworker(north), HandoffFilter.none(), 3, 3);

        assertThat(first.items()).hasSize(3);
        assertThat(first.total()).isEqualTo(7);
        assertThat(first.page()).isZero();
        assertThat(first.size()).isEqualTo(3);
        assertThat(last.items()).hasSize(1);
        assertThat(last.total()).isEqualTo(7);
        assertThat(beyond.items()).isEmpty();
        assertThat(first.items().get(0).requestedAt()).isAfter(first.items().get(2).requestedAt());
        assertThatThrownBy(() -> queries.handoffs(caseworker(north), HandoffFilter.none(), 0, 501))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void redeliveredOrLateEventsNeverMoveAReferralBackwards() {
        String north = agency("houkatsu");
        String jiritsu = agency("jiritsu");
        Caller caller = caseworker(north);
        Instant now = now();
        ReferralRequested requested = request(north, jiritsu, now.minus(Duration.ofDays(9)), now.minus(Duration.ofDays(2)));
        ReferralAccepted accepted = new ReferralAccepted(requested.caseId(), requested.referralId(), jiritsu,
                now.minus(Duration.ofDays(3)));
        ReferralCompleted completed = new ReferralCompleted(requested.caseId(), requested.referralId(), jiritsu,
                now.minus(Duration.ofDays(1)));

        projection.on(requested);
        projection.on(accepted);
        projection.on(accepted);
        projection.on(completed);
        projection.on(completed);
        // a whole suffix again, as after a processor restart from an older token
        projection.on(requested);
        projection.on(accepted);
        projection.on(completed);
        projection.on(new ReferralWithdrawn(requested.caseId(), requested.referralId(), WithdrawalCause.BY_SENDER, TEXT, now));

        assertThat(board(caller, from(north))).hasSize(1);
        HandoffItem item = one(caller, requested.referralId(), north);
        assertThat(item.status()).isEqualTo(ReferralStatus.COMPLETED);
        assertThat(item.answeredAt()).isEqualTo(accepted.answeredAt());
        assertThat(item.requestedAt()).isEqualTo(requested.requestedAt());
        assertThat(item.overdue()).isFalse();
    }
}
