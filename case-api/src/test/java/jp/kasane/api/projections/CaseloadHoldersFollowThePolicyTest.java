package jp.kasane.api.projections;

import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.core.access.AccessDecision;
import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.access.Purpose;
import jp.kasane.core.agency.Agency;
import jp.kasane.core.agency.AgencyDirectory;
import jp.kasane.core.agency.AgencyType;
import jp.kasane.core.consent.ConsentCapacity;
import jp.kasane.core.meeting.PlanRole;
import jp.kasane.core.personaldata.Sealed;
import jp.kasane.core.referral.ReferralBasis;
import jp.kasane.core.referral.WithdrawalCause;
import jp.kasane.core.supportcase.CaseState;
import jp.kasane.core.supportcase.CaseView;
import jp.kasane.core.supportcase.Channel;
import jp.kasane.core.supportcase.Consultation;
import jp.kasane.core.supportcase.DisclosurePolicy;
import jp.kasane.core.supportcase.HouseholdMember;
import jp.kasane.core.supportcase.IssueCatalog;
import jp.kasane.core.supportcase.Phase;
import jp.kasane.core.supportcase.events.*;
import jp.kasane.projections.caseload.CaseloadProjection;
import jp.kasane.projections.caseload.CaseloadQueries;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The caseload must say exactly what the disclosure policy says about who holds a case, for whom and which issues
 * each holder sees, at any instant after the case's last event (also once consents have expired without an event).
 * Random case histories are stored in the real event store, projected by the real caseload processor, and compared
 * with {@link DisclosurePolicy#holdings} on the same events; then a suffix of each stream is delivered again, as a
 * processor does after a failed batch, and the rows must not change; then the rows are emptied and every stream
 * delivered again as a replay (which writes a case only at its last change), and the rows must come back the same. A
 * copy of the rules in the projection that drifts from the policy fails here.
 */
@KasaneIntegrationTest
class CaseloadHoldersFollowThePolicyTest {

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final List<String> PERSONS = List.of("p1", "p2", "p3");
    private static final List<String> AGENCIES = List.of("jiritsu", "kikan", "kodomo", "csw-north", "npo-ibasho",
            "city-welfare", "houkatsu-south");
    private static final List<String> ISSUES = List.of("ISSUE_8050", "HIKIKOMORI", "DEBT", "MENTAL_HEALTH", "DISABILITY");
    private static final Sealed TEXT = new Sealed("p1", "x");

    @Autowired
    EventStore eventStore;
    @Autowired
    CaseloadProjection projection;
    @Autowired
    CaseloadQueries queries;
    @Autowired
    DisclosurePolicy policy;
    @Autowired
    AgencyDirectory agencies;
    @Autowired
    IssueCatalog issues;
    @Autowired
    Clock clock;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void randomHistoriesProjectToWhatThePolicySays() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Map<String, List<CaseEvent>> histories = new LinkedHashMap<>();
        for (int n = 0; n < 60; n++) {
            String caseId = UUID.randomUUID().toString();
            histories.put(caseId, new History(caseId, random, today()).events());
        }
        histories.forEach(this::store);
        Instant now = clock.instant();
        List<Instant> instants = List.of(now.plusSeconds(1), now.plus(Duration.ofHours(25)), now.plus(Duration.ofDays(31)),
                now.plus(Duration.ofDays(401)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> histories.forEach((caseId, events) ->
                instants.forEach(at -> assertThat(projected(caseId, at))
                        .as("seed %d, case %s at %s", seed, caseId, at).isEqualTo(expected(events, at)))));

        // Delivered again from the middle of each stream: the rows end the same.
        histories.forEach((caseId, events) -> {
            List<? extends DomainEventMessage<?>> stored = eventStore.readEvents(caseId, 0).asStream().toList();
            for (DomainEventMessage<?> m : stored.subList(stored.size() / 2, stored.size())) {
                projection.on((CaseEvent) m.getPayload(), m.getSequenceNumber(), m.getTimestamp(), ReplayStatus.REGULAR);
            }
        });
        histories.forEach((caseId, events) -> instants.forEach(at -> assertThat(projected(caseId, at))
                .as("seed %d, case %s at %s after re-delivery", seed, caseId, at).isEqualTo(expected(events, at))));

        // Replayed from the first event, the rows emptied as the reset does: the same rows again.
        String[] caseIds = histories.keySet().toArray(String[]::new);
        List<String> before = rows(caseIds);
        jdbc.update("delete from caseload_holding where case_id = any(?)", (Object) caseIds);
        jdbc.update("delete from caseload_case where case_id = any(?)", (Object) caseIds);
        histories.forEach((caseId, events) -> eventStore.readEvents(caseId, 0).asStream().forEach(m ->
                projection.on((CaseEvent) m.getPayload(), m.getSequenceNumber(), m.getTimestamp(), ReplayStatus.REPLAY)));
        histories.forEach((caseId, events) -> instants.forEach(at -> assertThat(projected(caseId, at))
                .as("seed %d, case %s at %s after a replay", seed, caseId, at).isEqualTo(expected(events, at))));
        assertThat(rows(caseIds)).as("seed %d: every column of every row after a replay", seed).isEqualTo(before);
    }

    /** Every column of the cases' case rows and holding rows, in a stable order. */
    private List<String> rows(String[] caseIds) {
        List<String> rows = new ArrayList<>(jdbc.queryForList("select to_jsonb(c)::text from caseload_case c "
                + "where case_id = any(?) order by case_id", String.class, (Object) caseIds));
        rows.addAll(jdbc.queryForList("select to_jsonb(h)::text from caseload_holding h where case_id = any(?) "
                + "order by case_id, agency_id, segment", String.class, (Object) caseIds));
        return rows;
    }

    private void store(String caseId, List<CaseEvent> events) {
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            messages.add(new GenericDomainEventMessage<>("SupportCase", caseId, i, events.get(i)));
        }
        eventStore.publish(messages);
    }

    private Map<String, List<String>> projected(String caseId, Instant at) {
        Map<String, List<String>> rows = new TreeMap<>();
        for (CaseloadQueries.Holder h : queries.holders(caseId, at)) {
            rows.put(h.agencyId(), describe(h.categories(), h.issues()));
        }
        return rows;
    }

    private Map<String, List<String>> expected(List<CaseEvent> events, Instant at) {
        CaseState state = new CaseState();
        events.forEach(state::apply);
        Map<String, List<String>> rows = new TreeMap<>();
        Map<String, AccessDecision> holders = policy.holdings(state, at,
                id -> agencies.find(id).map(Agency::type).orElse(null));
        holders.forEach((agencyId, decision) -> rows.put(agencyId, describe(
                decision.categories().stream().map(Enum::name).toList(),
                CaseView.visibleIssues(state, decision, issues))));
        return rows;
    }

    private static List<String> describe(List<String> categories, List<String> issues) {
        List<String> row = new ArrayList<>(categories.stream().sorted().map(c -> "category:" + c).toList());
        row.addAll(issues.stream().sorted().map(i -> "issue:" + i).toList());
        return row;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), JAPAN);
    }

    /** One random but well-formed case history: every id an event refers to exists, times never run backwards. */
    private static final class History {
        private final String caseId;
        private final Random random;
        private final LocalDate today;
        private final List<CaseEvent> events = new ArrayList<>();
        private final List<String> consents = new ArrayList<>();
        private final Map<String, Set<String>> consentPersons = new LinkedHashMap<>();
        private final Map<String, Set<String>> consentAgencies = new LinkedHashMap<>();
        private final List<String> referrals = new ArrayList<>();
        private boolean escalated;
        private boolean closed;

        History(String caseId, Random random, LocalDate today) {
            this.caseId = caseId;
            this.random = random;
            this.today = today;
        }

        List<CaseEvent> events() {
            events.add(new CaseOpened(caseId, "houkatsu-north", List.of(new HouseholdMember("p1", "SELF", TEXT, TEXT),
                    new HouseholdMember("p2", "CHILD", TEXT, TEXT), new HouseholdMember("p3", "CHILD", TEXT, null)),
                    consultation()));
            int steps = 8 + random.nextInt(18);
            for (int i = 0; i < steps; i++) {
                step();
            }
            return events;
        }

        private void step() {
            Instant now = Instant.now();
            switch (random.nextInt(12)) {
                case 0, 1 -> {
                    String id = "c" + consents.size();
                    Set<String> persons = subset(PERSONS);
                    Set<String> named = subset(AGENCIES);
                    Set<AgencyType> types = random.nextInt(4) == 0 ? Set.of(AgencyType.LIVELIHOOD_CONSULTATION) : Set.of();
                    int days = List.of(-1, 0, 1, 30, 400).get(random.nextInt(5));
                    events.add(new ConsentGiven(caseId, id, "p1", ConsentCapacity.SELF, named, types,
                            random.nextBoolean() ? Set.of(Purpose.SUPPORT_COORDINATION)
                                    : Set.of(Purpose.SUPPORT_COORDINATION, Purpose.MULTILAYER_MEETING),
                            categories(), today.plusDays(days), "houkatsu-north", now, persons, null));
                    consents.add(id);
                    consentPersons.put(id, persons);
                    consentAgencies.put(id, named);
                }
                case 2 -> consent().ifPresent(id -> events.add(new ConsentWithdrawn(caseId, id, null, now)));
                case 3 -> consent().ifPresent(id -> {
                    Set<String> persons = subset(List.copyOf(consentPersons.get(id)));
                    Set<String> named = subset(List.copyOf(consentAgencies.get(id)));
                    events.add(new ConsentNarrowed(caseId, id, persons, named, Set.of(), Set.of(Purpose.SUPPORT_COORDINATION),
                            Set.of(InformationCategory.BASIC), today.plusDays(random.nextInt(60)), now));
                    consentPersons.put(id, persons);
                    consentAgencies.put(id, named);
                });
                case 4, 5 -> {
                    String id = "r" + referrals.size();
                    boolean onConsent = !consents.isEmpty() && random.nextInt(3) > 0;
                    events.add(new ReferralRequested(caseId, id, "houkatsu-north", pick(AGENCIES), TEXT,
                            onConsent ? ReferralBasis.CONSENT : ReferralBasis.SUPPORT_MEETING_ART_106_6,
                            onConsent ? pick(consents) : null, onConsent ? null : "m1", categories(), now,
                            now.plus(Duration.ofDays(7)), List.copyOf(subset(PERSONS))));
                    referrals.add(id);
                }
                case 6 -> referral().ifPresent(id -> events.add(switch (random.nextInt(4)) {
                    case 0 -> new ReferralDeclined(caseId, id, "x", TEXT, now);
                    case 1 -> new ReferralWithdrawn(caseId, id, WithdrawalCause.BY_SENDER, null, now);
                    default -> new ReferralAccepted(caseId, id, "x", now);
                }));
                case 7 -> referral().ifPresent(id -> events.add(new ReferralCompleted(caseId, id, "x", now)));
                case 8 -> {
                    if (!escalated) {
                        events.add(new CaseEscalated(caseId, "houkatsu-north", "city-welfare", null));
                        escalated = true;
                    }
                }
                case 9 -> {
                    events.add(new AcceptedForSupport(caseId, "m1"));
                    events.add(new PlanAdopted(caseId, "m1", List.of(TEXT),
                            List.of(new PlanRole(pick(AGENCIES), TEXT), new PlanRole(pick(AGENCIES), TEXT)),
                            pick(AGENCIES), today.plusMonths(3), List.copyOf(subset(PERSONS))));
                    if (random.nextBoolean()) {
                        events.add(new ParticipationSupportApproved(caseId, "m1", "npo-ibasho"));
                    }
                }
                case 10 -> {
                    if (closed) {
                        events.add(new CaseReopened(caseId, "houkatsu-north", Phase.CLOSED));
                    } else {
                        events.add(new CaseClosed(caseId, null, "houkatsu-north", TEXT, TEXT, List.of()));
                    }
                    closed = !closed;
                }
                default -> events.add(new ConsultationRecorded(caseId, consultation()));
            }
        }

        private Consultation consultation() {
            return new Consultation(UUID.randomUUID().toString(), "houkatsu-north", Instant.now(), Channel.VISIT, TEXT,
                    List.copyOf(subset(ISSUES)), random.nextBoolean() ? Set.of(InformationCategory.NOTES)
                    : Set.of(InformationCategory.NOTES, InformationCategory.FINANCE), List.copyOf(subset(PERSONS)));
        }

        private Set<InformationCategory> categories() {
            Set<InformationCategory> c = EnumSet.noneOf(InformationCategory.class);
            for (InformationCategory category : InformationCategory.values()) {
                if (random.nextInt(3) == 0) {
                    c.add(category);
                }
            }
            c.add(random.nextBoolean() ? InformationCategory.BASIC : InformationCategory.FINANCE);
            return c;
        }

        private <T> Set<T> subset(List<T> from) {
            Set<T> chosen = from.stream().filter(x -> random.nextBoolean()).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
            if (chosen.isEmpty()) {
                chosen.add(pick(from));
            }
            return chosen;
        }

        private <T> T pick(List<T> from) {
            return from.get(random.nextInt(from.size()));
        }

        private java.util.Optional<String> consent() {
            return consents.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(pick(consents));
        }

        private java.util.Optional<String> referral() {
            return referrals.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(pick(referrals));
        }
    }
}
