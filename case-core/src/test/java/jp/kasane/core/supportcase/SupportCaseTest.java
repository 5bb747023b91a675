package jp.kasane.core.supportcase;

import jp.kasane.core.access.AccessDecision;
import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.access.LegalBasis;
import jp.kasane.core.access.Purpose;
import jp.kasane.core.agency.AgencyType;
import jp.kasane.core.consent.ConsentCapacity;
import jp.kasane.core.meeting.Decision;
import jp.kasane.core.meeting.MeetingKind;
import jp.kasane.core.meeting.PlanRole;
import jp.kasane.core.personaldata.Sealed;
import jp.kasane.core.referral.ReferralBasis;
import jp.kasane.core.referral.WithdrawalCause;
import jp.kasane.core.rules.RuleViolation;
import jp.kasane.core.supportcase.commands.*;
import jp.kasane.core.supportcase.events.*;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static jp.kasane.core.supportcase.TestAgencies.caseworker;
import static jp.kasane.core.supportcase.TestAgencies.coordinator;
import static org.assertj.core.api.Assertions.assertThat;

/** The case rules of DOMAIN.md, given events → when a command → then events or a refusal with its code. */
class SupportCaseTest {

    /** Monday 2026-04-06 10:00 JST. */
    static final Instant NOW = Instant.parse("2026-04-06T01:00:00Z");
    static final String CASE = "case-1";
    static final String MOTHER = "p-mother";
    static final Sealed TEXT = new Sealed(MOTHER, "c2VhbGVk");

    private AggregateTestFixture<SupportCase> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SupportCase.class);
        fixture.registerInjectableResource(TestAgencies.rules(NOW));
    }

    static CaseOpened opened() {
        return new CaseOpened(CASE, "houkatsu-north",
                List.of(new HouseholdMember(MOTHER, "SELF", TEXT, TEXT), new HouseholdMember("p-son", "CHILD", TEXT, TEXT)),
                consultation("houkatsu-north"));
    }

    static Consultation consultation(String agencyId) {
        return new Consultation("k-" + agencyId, agencyId, NOW.minusSeconds(3600), Channel.VISIT, TEXT,
                List.of("ISSUE_8050", "HIKIKOMORI"), EnumSet.of(InformationCategory.NOTES));
    }

    static ConsentGiven consentFor(String consentId, String... agencyIds) {
        return new ConsentGiven(CASE, consentId, MOTHER, ConsentCapacity.SELF, Set.of(agencyIds), Set.of(),
                Set.of(Purpose.SUPPORT_COORDINATION), EnumSet.of(InformationCategory.BASIC, InformationCategory.FINANCE),
                LocalDate.parse("2027-03-31"), "houkatsu-north", NOW.minusSeconds(60));
    }

    static ReferralRequested referralTo(String referralId, String toAgencyId, String consentId) {
        return new ReferralRequested(CASE, referralId, "houkatsu-north", toAgencyId, TEXT, ReferralBasis.CONSENT, consentId,
                null, EnumSet.of(InformationCategory.BASIC), NOW.minusSeconds(30), NOW.plusSeconds(86400 * 7));
    }

    @Test
    void opening_a_case_records_the_first_consultation_in_intake() {
        fixture.givenNoPriorActivity()
                .when(new OpenCase(CASE, caseworker("houkatsu-north"), opened().members(), consultation("houkatsu-north")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(opened())
                .expectState(c -> assertThat(fieldPhase(c)).isEqualTo(Phase.INTAKE));
    }

    @Test
    void a_consultation_on_a_closed_case_reopens_it() {
        fixture.given(opened(), new CaseClosed(CASE, null, "houkatsu-north", TEXT, TEXT))
                .when(new RecordConsultation(CASE, caseworker("houkatsu-north"), null, consultation("houkatsu-north")))
                .expectEvents(new CaseReopened(CASE, "houkatsu-north", Phase.CLOSED),
                        new ConsultationRecorded(CASE, consultation("houkatsu-north")));
    }

    @Test
    void an_agency_without_any_basis_finds_no_case_and_records_nothing() {
        fixture.given(opened())
                .when(new RecordConsultation(CASE, caseworker("jiritsu"), null, consultation("jiritsu")))
                .expectException(RuleViolation.class)
                .expectException(violation("NOT_FOUND"))
                .expectNoEvents();
    }

    @Test
    void a_stale_version_is_refused() {
        fixture.given(opened(), consentFor("c1", "jiritsu"))
                .when(new RecordConsultation(CASE, caseworker("houkatsu-north"), 1L, consultation("houkatsu-north")))
                .expectException(violation("VERSION_MISMATCH"))
                .expectNoEvents();
    }

    @Test
    void an_assessment_after_planning_is_an_invalid_transition() {
        fixture.given(opened(), new AcceptedForSupport(CASE, "m1"),
                        new PlanAdopted(CASE, "m1", List.of(TEXT), List.of(), "houkatsu-north", LocalDate.parse("2026-07-01")))
                .when(new RecordAssessment(CASE, caseworker("houkatsu-north"), null, "a1", NOW, TEXT))
                .expectException(violation("INVALID_TRANSITION"))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("current phase: PLANNED"))
                .expectNoEvents();
    }

    @Test
    void consent_must_be_given_by_a_household_member() {
        fixture.given(opened())
                .when(new GiveConsent(CASE, caseworker("houkatsu-north"), null, "c1", "someone-else", ConsentCapacity.SELF,
                        Set.of("jiritsu"), Set.<AgencyType>of(), Set.of(Purpose.SUPPORT_COORDINATION),
                        Set.of(InformationCategory.BASIC), LocalDate.parse("2027-03-31")))
                .expectException(violation("UNKNOWN_PERSON"))
                .expectNoEvents();
    }

    @Test
    void a_referral_on_consent_needs_a_consent_covering_the_receiver() {
        fixture.given(opened(), consentFor("c1", "kikan"))
                .when(new RequestReferral(CASE, caseworker("houkatsu-north"), null, "r1", "jiritsu", TEXT,
                        ReferralBasis.CONSENT, EnumSet.of(InformationCategory.BASIC)))
                .expectException(violation("CONSENT_REQUIRED"))
                .expectNoEvents();
    }

    @Test
    void a_referral_cannot_be_accepted_once_the_consent_it_rests_on_has_expired() {
        ConsentGiven expiredYesterday = new ConsentGiven(CASE, "c1", MOTHER, ConsentCapacity.SELF, Set.of("jiritsu"), Set.of(),
                Set.of(Purpose.SUPPORT_COORDINATION), EnumSet.of(InformationCategory.BASIC),
                LocalDate.parse("2026-04-05"), "houkatsu-north", NOW.minusSeconds(86400 * 3));
        fixture.given(opened(), expiredYesterday, referralTo("r1", "jiritsu", "c1"))
                .when(new AcceptReferral(CASE, caseworker("jiritsu"), null, "r1"))
                .expectException(violation("CONSENT_REQUIRED"))
                .expectNoEvents();
    }

    @Test
    void a_referral_on_consent_must_not_share_categories_the_consent_does_not_cover() {
        fixture.given(opened(), consentFor("c1", "jiritsu"))
                .when(new RequestReferral(CASE, caseworker("houkatsu-north"), null, "r1", "jiritsu", TEXT,
                        ReferralBasis.CONSENT, EnumSet.of(InformationCategory.BASIC, InformationCategory.HEALTH)))
                .expectException(violation("CONSENT_REQUIRED"))
                .expectNoEvents();
    }

    @Test
    void a_referral_is_due_five_business_days_later_in_japan() {
        // Requested Monday 2026-04-06: five business days later is Monday 2026-04-13, due at its end (JST).
        fixture.given(opened(), consentFor("c1", "jiritsu"))
                .when(new RequestReferral(CASE, caseworker("houkatsu-north"), null, "r1", "jiritsu", TEXT,
                        ReferralBasis.CONSENT, EnumSet.of(InformationCategory.BASIC)))
                .expectEvents(new ReferralRequested(CASE, "r1", "houkatsu-north", "jiritsu", TEXT, ReferralBasis.CONSENT,
                        "c1", null, EnumSet.of(InformationCategory.BASIC), NOW, Instant.parse("2026-04-13T15:00:00Z")));
    }

    @Test
    void a_referral_without_consent_needs_a_support_meeting_decision() {
        fixture.given(opened())
                .when(new RequestReferral(CASE, caseworker("houkatsu-north"), null, "r1", "kodomo", TEXT,
                        ReferralBasis.SUPPORT_MEETING_ART_106_6, EnumSet.of(InformationCategory.BASIC)))
                .expectException(violation("MEETING_DECISION_REQUIRED"))
                .expectNoEvents();
    }

    @Test
    void withdrawing_consent_withdraws_the_pending_referrals_resting_on_it() {
        fixture.given(opened(), consentFor("c1", "jiritsu"), referralTo("r1", "jiritsu", "c1"))
                .when(new WithdrawConsent(CASE, caseworker("houkatsu-north"), null, "c1", null))
                .expectEvents(new ConsentWithdrawn(CASE, "c1", null, NOW),
                        new ReferralWithdrawn(CASE, "r1", WithdrawalCause.CONSENT_WITHDRAWN, null, NOW));
    }

    @Test
    void only_the_receiving_agency_may_answer_a_referral() {
        fixture.given(opened(), consentFor("c1", "jiritsu", "kikan"), referralTo("r1", "jiritsu", "c1"))
                .when(new AcceptReferral(CASE, caseworker("kikan"), null, "r1"))
                .expectException(violation("NOT_RECEIVING_AGENCY"))
                .expectNoEvents();
    }

    @Test
    void a_declined_referral_cannot_be_accepted() {
        fixture.given(opened(), consentFor("c1", "jiritsu"), referralTo("r1", "jiritsu", "c1"),
                        new ReferralDeclined(CASE, "r1", "jiritsu", TEXT, NOW))
                .when(new AcceptReferral(CASE, caseworker("jiritsu"), null, "r1"))
                .expectException(violation("INVALID_TRANSITION"))
                .expectNoEvents();
    }

    @Test
    void a_multilayer_meeting_needs_consent_covering_every_attendee_and_names_the_one_missing() {
        fixture.given(opened(), consentFor("c1", "jiritsu"))
                .when(new TableCaseAtMeeting(CASE, coordinatorHolding(), "m1", MeetingKind.MULTILAYER_MEETING,
                        LocalDate.parse("2026-04-20"), Set.of("houkatsu-north", "jiritsu", "npo-ibasho")))
                .expectException(violation("CONSENT_REQUIRED"))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("npo-ibasho"))
                .expectNoEvents();
    }

    @Test
    void a_support_meeting_may_not_adopt_a_plan() {
        fixture.given(opened(), escalated(), tabled("m1", MeetingKind.SUPPORT_MEETING), new AcceptedForSupport(CASE, "m1"))
                .when(new ApplyMeetingDecisions(CASE, coordinator(), null, "m1", List.of(new Decision.AdoptPlan(
                        List.of(TEXT), List.of(new PlanRole("jiritsu", TEXT)), "houkatsu-north", LocalDate.parse("2026-07-01")))))
                .expectException(violation("DECISION_NOT_ALLOWED"))
                .expectNoEvents();
    }

    @Test
    void decisions_apply_in_order_and_a_late_refusal_records_none_of_them() {
        fixture.given(opened(), escalated(), tabled("m1", MeetingKind.MULTILAYER_MEETING))
                .when(new ApplyMeetingDecisions(CASE, coordinator(), null, "m1", List.of(
                        new Decision.AcceptForSupport(), new Decision.Close(TEXT))))
                .expectException(violation("INVALID_TRANSITION"))
                .expectNoEvents();
    }

    @Test
    void a_meeting_closes_a_case_only_after_an_evaluation() {
        fixture.given(opened(), escalated(), tabled("m1", MeetingKind.MULTILAYER_MEETING))
                .when(new ApplyMeetingDecisions(CASE, coordinator(), null, "m1", List.of(
                        new Decision.AcceptForSupport(),
                        new Decision.AdoptPlan(List.of(TEXT), List.of(new PlanRole("jiritsu", TEXT)), "houkatsu-north", LocalDate.parse("2026-07-01")),
                        new Decision.Evaluate(TEXT),
                        new Decision.Close(TEXT))))
                .expectSuccessfulHandlerExecution()
                .expectState(c -> assertThat(fieldPhase(c)).isEqualTo(Phase.CLOSED));
    }

    @Test
    void only_the_lead_agency_or_a_coordinator_closes_a_case() {
        fixture.given(opened(), consentFor("c1", "jiritsu"))
                .when(new CloseCase(CASE, caseworker("jiritsu"), null, TEXT, TEXT))
                .expectException(violation("NOT_LEAD_AGENCY"))
                .expectNoEvents();
    }

    @Test
    void another_agencys_read_is_recorded_with_its_basis_and_categories() {
        fixture.given(opened(), consentFor("c1", "jiritsu"))
                .when(new DiscloseCase(CASE, caseworker("jiritsu"), Purpose.SUPPORT_COORDINATION, null))
                .expectResultMessagePayload(new AccessDecision(LegalBasis.CONSENT,
                        EnumSet.of(InformationCategory.BASIC, InformationCategory.FINANCE)))
                .expectEvents(new CaseDisclosed(CASE, "jiritsu", "jiritsu:staff-1", LegalBasis.CONSENT,
                        EnumSet.of(InformationCategory.BASIC, InformationCategory.FINANCE), Purpose.SUPPORT_COORDINATION, null, false));
    }

    @Test
    void a_read_after_withdrawal_is_refused_and_not_recorded() {
        fixture.given(opened(), consentFor("c1", "jiritsu"), new ConsentWithdrawn(CASE, "c1", null, NOW.minusMillis(1)))
                .when(new DiscloseCase(CASE, caseworker("jiritsu"), Purpose.SUPPORT_COORDINATION, null))
                .expectException(violation("NOT_FOUND"))
                .expectNoEvents();
    }

    @Test
    void disclosures_do_not_change_the_case_version() {
        fixture.given(opened(), new CaseDisclosed(CASE, "jiritsu", "x", LegalBasis.CONSENT, Set.of(), Purpose.SUPPORT_COORDINATION, null, false))
                .when(new RecordConsultation(CASE, caseworker("houkatsu-north"), 1L, consultation("houkatsu-north")))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(new CaseChange(2));
    }

    private static CaseEscalated escalated() {
        return new CaseEscalated(CASE, "houkatsu-north", "city-welfare", null);
    }

    private static CaseTabledAtMeeting tabled(String meetingId, MeetingKind kind) {
        return new CaseTabledAtMeeting(CASE, meetingId, kind, LocalDate.parse("2026-04-06"), "city-welfare",
                Set.of("city-welfare", "houkatsu-north"), NOW.plusSeconds(86400 * 20));
    }

    private static jp.kasane.core.access.Caller coordinatorHolding() {
        return caseworker("houkatsu-north");
    }

    private static org.hamcrest.Matcher<?> violation(String code) {
        return new org.hamcrest.TypeSafeMatcher<RuleViolation>() {
            @Override
            protected boolean matchesSafely(RuleViolation v) {
                return v.code().equals(code);
            }

            @Override
            public void describeTo(org.hamcrest.Description d) {
                d.appendText("a RuleViolation with code " + code);
            }
        };
    }

    private static Phase fieldPhase(SupportCase c) {
        try {
            var f = SupportCase.class.getDeclaredField("state");
            f.setAccessible(true);
            return ((CaseState) f.get(c)).phase();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
