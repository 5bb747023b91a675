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
import java.util.Map;
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
    static final String SON = "p-son";
    static final String GRANDCHILD = "p-grandchild";
    static final Sealed TEXT = new Sealed(MOTHER, "c2VhbGVk");
    static final LocalDate VALID_UNTIL = LocalDate.parse("2027-03-31");

    private AggregateTestFixture<SupportCase> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SupportCase.class);
        fixture.registerInjectableResource(TestAgencies.rules(NOW));
    }

    static CaseOpened opened() {
        return new CaseOpened(CASE, "houkatsu-north",
                List.of(new HouseholdMember(MOTHER, "SELF", TEXT, TEXT), new HouseholdMember(SON, "CHILD", TEXT, TEXT)),
                consultation("houkatsu-north", List.of(MOTHER)));
    }

    static Consultation consultation(String agencyId, List<String> about) {
        return new Consultation("k-" + agencyId, agencyId, NOW.minusSeconds(3600), Channel.VISIT, TEXT,
                List.of("ISSUE_8050", "HIKIKOMORI"), EnumSet.of(InformationCategory.NOTES), about);
    }

    static ConsentGiven consentFor(String consentId, String givenBy, Set<String> about, String... agencyIds) {
        return new ConsentGiven(CASE, consentId, givenBy, ConsentCapacity.SELF, Set.of(agencyIds), Set.of(),
                Set.of(Purpose.SUPPORT_COORDINATION), EnumSet.of(InformationCategory.BASIC, InformationCategory.FINANCE),
                VALID_UNTIL, "houkatsu-north", NOW.minusSeconds(60), about, null);
    }

    static ConsentGiven motherConsentFor(String consentId, String... agencyIds) {
        return consentFor(consentId, MOTHER, Set.of(MOTHER), agencyIds);
    }

    static ReferralRequested referralTo(String referralId, String toAgencyId, String consentId) {
        return new ReferralRequested(CASE, referralId, "houkatsu-north", toAgencyId, TEXT, ReferralBasis.CONSENT, consentId,
                null, EnumSet.of(InformationCategory.BASIC), NOW.minusSeconds(30), NOW.plusSeconds(86400 * 7), List.of(MOTHER));
    }

    static GiveConsent giveConsent(String agency, String givenBy, ConsentCapacity capacity, List<String> about,
                                   List<String> agencyIds, Set<InformationCategory> categories, Map<String, LocalDate> born) {
        return new GiveConsent(CASE, caseworker(agency), null, "c1", givenBy, capacity, about, agencyIds, Set.<AgencyType>of(),
                Set.of(Purpose.SUPPORT_COORDINATION), categories, VALID_UNTIL, null, born);
    }

    // ---- the basics ------------------------------------------------------------------------------------------------

    @Test
    void opening_a_case_records_the_first_consultation_in_intake() {
        fixture.givenNoPriorActivity()
                .when(new OpenCase(CASE, caseworker("houkatsu-north"), opened().members(), consultation("houkatsu-north", List.of(MOTHER))))
                .expectSuccessfulHandlerExecution()
                .expectEvents(opened())
                .expectState(c -> assertThat(state(c).phase()).isEqualTo(Phase.INTAKE));
    }

    @Test
    void a_consultation_on_a_closed_case_reopens_it() {
        fixture.given(opened(), new CaseClosed(CASE, null, "houkatsu-north", TEXT, TEXT, List.of(MOTHER)))
                .when(new RecordConsultation(CASE, caseworker("houkatsu-north"), null, consultation("houkatsu-north", List.of(MOTHER))))
                .expectEvents(new CaseReopened(CASE, "houkatsu-north", Phase.CLOSED),
                        new ConsultationRecorded(CASE, consultation("houkatsu-north", List.of(MOTHER))));
    }

    @Test
    void an_agency_without_any_basis_finds_no_case_and_records_nothing() {
        fixture.given(opened())
                .when(new RecordConsultation(CASE, caseworker("jiritsu"), null, consultation("jiritsu", List.of())))
                .expectException(violation("NOT_FOUND"))
                .expectNoEvents();
    }

    @Test
    void a_consent_reader_may_see_the_case_but_not_write_on_it() {
        fixture.given(opened(), motherConsentFor("c1", "jiritsu"))
                .when(new RecordConsultation(CASE, caseworker("jiritsu"), null, consultation("jiritsu", List.of())))
                .expectException(violation("NOT_A_HOLDER"))
                .expectNoEvents();
    }

    @Test
    void a_stale_version_is_refused() {
        fixture.given(opened(), motherConsentFor("c1", "jiritsu"))
                .when(new RecordConsultation(CASE, caseworker("houkatsu-north"), 1L, consultation("houkatsu-north", List.of())))
                .expectException(violation("VERSION_MISMATCH"))
                .expectNoEvents();
    }

    @Test
    void a_text_about_a_stranger_is_refused_naming_the_field() {
        fixture.given(opened())
                .when(new RecordAssessment(CASE, caseworker("houkatsu-north"), null, "a1", NOW, TEXT, List.of(SON, "nobody")))
                .expectException(violation("UNKNOWN_PERSON", "aboutPersonIds[1]"))
                .expectNoEvents();
    }

    @Test
    void an_assessment_after_planning_is_an_invalid_transition() {
        fixture.given(opened(), new AcceptedForSupport(CASE, "m1"),
                        new PlanAdopted(CASE, "m1", List.of(TEXT), List.of(), "houkatsu-north", LocalDate.parse("2026-07-01"), null))
                .when(new RecordAssessment(CASE, caseworker("houkatsu-north"), null, "a1", NOW, TEXT, List.of()))
                .expectException(violation("INVALID_TRANSITION"))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("current phase: PLANNED"))
                .expectNoEvents();
    }

    // ---- consent, person by person ------------------------------------------------------------------------------------

    @Test
    void consent_must_be_given_by_a_household_member() {
        fixture.given(opened())
                .when(giveConsent("houkatsu-north", "someone-else", ConsentCapacity.SELF, List.of(), List.of("jiritsu"),
                        Set.of(InformationCategory.BASIC), Map.of()))
                .expectException(violation("UNKNOWN_PERSON", "givenBy.personId"))
                .expectNoEvents();
    }

    @Test
    void a_self_consent_covers_the_giver_and_no_one_else() {
        fixture.given(opened())
                .when(giveConsent("houkatsu-north", MOTHER, ConsentCapacity.SELF, List.of(MOTHER, SON), List.of("jiritsu"),
                        Set.of(InformationCategory.BASIC), Map.of()))
                .expectException(violation("NOT_THE_GIVER", "aboutPersonIds[1]"))
                .expectNoEvents();
    }

    @Test
    void a_self_consent_names_its_giver_as_its_subject_by_default() {
        fixture.given(opened())
                .when(giveConsent("houkatsu-north", SON, ConsentCapacity.SELF, List.of(), List.of("jiritsu"),
                        Set.of(InformationCategory.BASIC), Map.of()))
                .expectSuccessfulHandlerExecution()
                .expectState(c -> assertThat(state(c).consent("c1").orElseThrow().aboutPersonIds()).containsExactly(SON));
    }

    @Test
    void a_parent_cannot_consent_for_an_adult_child() {
        fixture.given(opened())
                .when(giveConsent("houkatsu-north", MOTHER, ConsentCapacity.PARENT, List.of(SON), List.of("jiritsu"),
                        Set.of(InformationCategory.BASIC), Map.of(SON, LocalDate.parse("1974-09-12"))))
                .expectException(violation("NOT_A_MINOR_CHILD", "aboutPersonIds[0]"))
                .expectNoEvents();
    }

    @Test
    void a_parent_consents_for_a_minor_child_and_an_unknown_birth_date_is_not_a_minor() {
        CaseOpened pupil = new CaseOpened(CASE, "kodomo", List.of(
                new HouseholdMember("p-pupil", "SELF", TEXT, TEXT), new HouseholdMember("p-parent", "PARENT", TEXT, TEXT),
                new HouseholdMember("p-sibling", "SIBLING", TEXT, null)),
                consultation("kodomo", List.of("p-pupil")));
        fixture.given(pupil)
                .when(new GiveConsent(CASE, caseworker("kodomo"), null, "c1", "p-parent", ConsentCapacity.PARENT,
                        List.of("p-pupil"), List.of("jiritsu"), Set.of(), Set.of(Purpose.SUPPORT_COORDINATION),
                        Set.of(InformationCategory.BASIC), VALID_UNTIL, null, Map.of("p-pupil", LocalDate.parse("2013-05-01"))))
                .expectSuccessfulHandlerExecution();
        fixture.given(pupil)
                .when(new GiveConsent(CASE, caseworker("kodomo"), null, "c1", "p-parent", ConsentCapacity.PARENT,
                        List.of("p-sibling"), List.of("jiritsu"), Set.of(), Set.of(Purpose.SUPPORT_COORDINATION),
                        Set.of(InformationCategory.BASIC), VALID_UNTIL, null, Map.of()))
                .expectException(violation("NOT_A_MINOR_CHILD", "aboutPersonIds[0]"));
    }

    @Test
    void a_guardian_consents_only_for_the_ward() {
        CaseOpened withGuardian = new CaseOpened(CASE, "houkatsu-north", List.of(
                new HouseholdMember(MOTHER, "SELF", TEXT, TEXT), new HouseholdMember(SON, "CHILD", TEXT, TEXT),
                new HouseholdMember("p-guardian", "GUARDIAN", TEXT, null, null, SON)),
                consultation("houkatsu-north", List.of(MOTHER)));
        fixture.given(withGuardian)
                .when(giveConsent("houkatsu-north", "p-guardian", ConsentCapacity.GUARDIAN, List.of(MOTHER), List.of("jiritsu"),
                        Set.of(InformationCategory.BASIC), Map.of()))
                .expectException(violation("NOT_THE_WARD", "aboutPersonIds[0]"));
        fixture.given(withGuardian)
                .when(giveConsent("houkatsu-north", MOTHER, ConsentCapacity.GUARDIAN, List.of(SON), List.of("jiritsu"),
                        Set.of(InformationCategory.BASIC), Map.of()))
                .expectException(violation("NOT_A_GUARDIAN", "givenBy.capacity"));
        fixture.given(withGuardian)
                .when(giveConsent("houkatsu-north", "p-guardian", ConsentCapacity.GUARDIAN, List.of(SON), List.of("jiritsu"),
                        Set.of(InformationCategory.BASIC), Map.of()))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void every_bad_field_of_a_consent_is_named_at_once() {
        fixture.given(opened())
                .when(new GiveConsent(CASE, caseworker("houkatsu-north"), null, "c1", MOTHER, ConsentCapacity.SELF,
                        List.of(SON), List.of("jiritsu", "nowhere"), Set.of(), Set.of(Purpose.SUPPORT_COORDINATION),
                        Set.of(InformationCategory.BASIC), LocalDate.parse("2026-01-01"), null, Map.of()))
                .expectException(violation("UNKNOWN_AGENCY", "agencyIds[1]", "aboutPersonIds[0]", "validUntil"))
                .expectNoEvents();
    }

    @Test
    void only_a_holder_records_a_consent() {
        // A reader on a narrow consent cannot widen its own access by recording another consent.
        fixture.given(opened(), motherConsentFor("c1", "jiritsu"))
                .when(giveConsent("jiritsu", MOTHER, ConsentCapacity.SELF, List.of(), List.of("jiritsu"),
                        InformationCategory.all(), Map.of()))
                .expectException(violation("NOT_A_HOLDER"))
                .expectNoEvents();
    }

    @Test
    void narrowing_a_consent_is_its_own_event_and_withdraws_the_referrals_it_no_longer_covers() {
        fixture.given(opened(), consentFor("c1", MOTHER, Set.of(MOTHER), "jiritsu", "kikan"), referralTo("r1", "jiritsu", "c1"))
                .when(new NarrowConsent(CASE, caseworker("houkatsu-north"), null, "c1", null, Set.of("kikan"), null, null, null, null))
                .expectEvents(new ConsentNarrowed(CASE, "c1", Set.of(MOTHER), Set.of("kikan"), Set.of(),
                                Set.of(Purpose.SUPPORT_COORDINATION), EnumSet.of(InformationCategory.BASIC, InformationCategory.FINANCE),
                                VALID_UNTIL, NOW),
                        new ReferralWithdrawn(CASE, "r1", WithdrawalCause.CONSENT_NARROWED, null, NOW));
    }

    @Test
    void a_narrowing_may_not_widen() {
        fixture.given(opened(), motherConsentFor("c1", "jiritsu"))
                .when(new NarrowConsent(CASE, caseworker("houkatsu-north"), null, "c1", Set.of(MOTHER, SON), null, null, null,
                        EnumSet.of(InformationCategory.BASIC, InformationCategory.HEALTH), VALID_UNTIL.plusDays(1)))
                .expectException(violation("NOT_A_NARROWING", "aboutPersonIds", "categories", "validUntil"))
                .expectNoEvents();
    }

    // ---- disclosure, person by person ---------------------------------------------------------------------------------

    @Test
    void the_mothers_consent_discloses_the_mother_and_not_her_adult_son() {
        fixture.given(opened(), motherConsentFor("c1", "jiritsu"))
                .when(new DiscloseCase(CASE, caseworker("jiritsu"), Purpose.SUPPORT_COORDINATION, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        Disclosure d = disclose("jiritsu");
        assertThat(d.decision()).isEqualTo(AccessDecision.of(LegalBasis.CONSENT, List.of(MOTHER),
                EnumSet.of(InformationCategory.BASIC, InformationCategory.FINANCE)));
        assertThat(d.view().household().members()).extracting(CaseView.MemberView::personId).containsExactly(MOTHER);
        assertThat(d.recorded()).isTrue();
    }

    @Test
    void a_read_after_withdrawal_is_refused() {
        fixture.given(opened(), motherConsentFor("c1", "jiritsu"), new ConsentWithdrawn(CASE, "c1", null, NOW.minusMillis(1)))
                .when(new DiscloseCase(CASE, caseworker("jiritsu"), Purpose.SUPPORT_COORDINATION, null))
                .expectException(violation("NOT_FOUND"))
                .expectNoEvents();
    }

    @Test
    void old_ledger_lines_in_the_stream_do_not_change_the_case_version() {
        fixture.given(opened(), new CaseDisclosed(CASE, "jiritsu", "x", LegalBasis.CONSENT, Set.of(), Purpose.SUPPORT_COORDINATION, null, false))
                .when(new RecordConsultation(CASE, caseworker("houkatsu-north"), 1L, consultation("houkatsu-north", List.of())))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(new CaseChange(2));
    }

    // ---- referrals ----------------------------------------------------------------------------------------------------

    @Test
    void a_referral_on_consent_needs_a_consent_covering_the_receiver() {
        fixture.given(opened(), motherConsentFor("c1", "kikan"))
                .when(new RequestReferral(CASE, caseworker("houkatsu-north"), null, "r1", "jiritsu", TEXT,
                        ReferralBasis.CONSENT, EnumSet.of(InformationCategory.BASIC), List.of()))
                .expectException(violation("CONSENT_REQUIRED"))
                .expectNoEvents();
    }

    @Test
    void a_referral_about_the_son_needs_the_sons_consent() {
        fixture.given(opened(), motherConsentFor("c1", "jiritsu"))
                .when(new RequestReferral(CASE, caseworker("houkatsu-north"), null, "r1", "jiritsu", TEXT,
                        ReferralBasis.CONSENT, EnumSet.of(InformationCategory.BASIC), List.of(SON)))
                .expectException(violation("CONSENT_REQUIRED"))
                .expectNoEvents();
        fixture.given(opened(), motherConsentFor("c1", "jiritsu"), consentFor("c2", SON, Set.of(SON), "jiritsu"))
                .when(new RequestReferral(CASE, caseworker("houkatsu-north"), null, "r1", "jiritsu", TEXT,
                        ReferralBasis.CONSENT, EnumSet.of(InformationCategory.BASIC), List.of(SON)))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_referral_cannot_be_accepted_once_the_consent_it_rests_on_has_expired() {
        ConsentGiven expiredYesterday = new ConsentGiven(CASE, "c1", MOTHER, ConsentCapacity.SELF, Set.of("jiritsu"), Set.of(),
                Set.of(Purpose.SUPPORT_COORDINATION), EnumSet.of(InformationCategory.BASIC),
                LocalDate.parse("2026-04-05"), "houkatsu-north", NOW.minusSeconds(86400 * 3), Set.of(MOTHER), null);
        // The expired consent gives the receiver no basis at all: the referral answers as a missing case.
        fixture.given(opened(), expiredYesterday, referralTo("r1", "jiritsu", "c1"))
                .when(new AcceptReferral(CASE, caseworker("jiritsu"), null, "r1"))
                .expectException(violation("NOT_FOUND"))
                .expectNoEvents();
    }

    @Test
    void a_referral_is_due_five_business_days_later_in_japan() {
        // Requested Monday 2026-04-06: five business days later is Monday 2026-04-13, due at its end (JST).
        fixture.given(opened(), motherConsentFor("c1", "jiritsu"))
                .when(new RequestReferral(CASE, caseworker("houkatsu-north"), null, "r1", "jiritsu", TEXT,
                        ReferralBasis.CONSENT, EnumSet.of(InformationCategory.BASIC), List.of()))
                .expectEvents(new ReferralRequested(CASE, "r1", "houkatsu-north", "jiritsu", TEXT, ReferralBasis.CONSENT,
                        "c1", null, EnumSet.of(InformationCategory.BASIC), NOW, Instant.parse("2026-04-13T15:00:00Z"), List.of(MOTHER)));
    }

    @Test
    void a_referral_without_consent_needs_a_support_meeting_decision() {
        fixture.given(opened())
                .when(new RequestReferral(CASE, caseworker("houkatsu-north"), null, "r1", "kodomo", TEXT,
                        ReferralBasis.SUPPORT_MEETING_ART_106_6, EnumSet.of(InformationCategory.BASIC), List.of()))
                .expectException(violation("MEETING_DECISION_REQUIRED"))
                .expectNoEvents();
    }

    @Test
    void withdrawing_consent_withdraws_the_pending_referrals_resting_on_it() {
        fixture.given(opened(), motherConsentFor("c1", "jiritsu"), referralTo("r1", "jiritsu", "c1"))
                .when(new WithdrawConsent(CASE, caseworker("houkatsu-north"), null, "c1", null))
                .expectEvents(new ConsentWithdrawn(CASE, "c1", null, NOW),
                        new ReferralWithdrawn(CASE, "r1", WithdrawalCause.CONSENT_WITHDRAWN, null, NOW));
    }

    @Test
    void after_withdrawal_the_receiver_of_an_accepted_referral_cannot_complete_it() {
        fixture.given(opened(), motherConsentFor("c1", "jiritsu"), referralTo("r1", "jiritsu", "c1"),
                        new ReferralAccepted(CASE, "r1", "jiritsu", NOW.minusSeconds(10)),
                        new ConsentWithdrawn(CASE, "c1", null, NOW.minusSeconds(5)))
                .when(new CompleteReferral(CASE, caseworker("jiritsu"), null, "r1"))
                .expectException(violation("NOT_FOUND"))
                .expectNoEvents();
    }

    @Test
    void only_the_receiving_agency_may_answer_a_referral() {
        fixture.given(opened(), motherConsentFor("c1", "jiritsu", "kikan"), referralTo("r1", "jiritsu", "c1"))
                .when(new AcceptReferral(CASE, caseworker("kikan"), null, "r1"))
                .expectException(violation("NOT_RECEIVING_AGENCY"))
                .expectNoEvents();
    }

    @Test
    void a_declined_referral_cannot_be_accepted() {
        fixture.given(opened(), motherConsentFor("c1", "jiritsu"), referralTo("r1", "jiritsu", "c1"),
                        new ReferralDeclined(CASE, "r1", "jiritsu", TEXT, NOW))
                .when(new AcceptReferral(CASE, caseworker("jiritsu"), null, "r1"))
                .expectException(violation("INVALID_TRANSITION"))
                .expectNoEvents();
    }

    // ---- escalation and meetings ----------------------------------------------------------------------------------

    @Test
    void escalation_without_consent_gives_the_coordinator_no_view() {
        fixture.given(opened(), escalated())
                .when(new DiscloseCase(CASE, coordinator(), Purpose.SUPPORT_COORDINATION, null))
                .expectException(violation("NOT_FOUND"));
        fixture.given(opened(), escalated(), motherConsentFor("c1", "city-welfare"))
                .when(new DiscloseCase(CASE, coordinator(), Purpose.SUPPORT_COORDINATION, null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void the_coordinator_tables_an_escalated_case_at_a_support_meeting_but_not_at_a_multilayer_meeting() {
        fixture.given(opened(), escalated())
                .when(new TableCaseAtMeeting(CASE, coordinator(), "m1", MeetingKind.SUPPORT_MEETING,
                        LocalDate.parse("2026-04-20"), Set.of("city-welfare", "kodomo"), Set.of(InformationCategory.BASIC)))
                .expectSuccessfulHandlerExecution();
        fixture.given(opened(), escalated())
                .when(new TableCaseAtMeeting(CASE, coordinator(), "m1", MeetingKind.MULTILAYER_MEETING,
                        LocalDate.parse("2026-04-20"), Set.of("city-welfare"), Set.of(InformationCategory.BASIC)))
                .expectException(violation("NOT_FOUND"));
    }

    @Test
    void a_multilayer_meeting_refusal_names_every_attendee_no_consent_covers_and_a_consent_about_the_son_alone_will_do() {
        ConsentGiven sonForMeeting = new ConsentGiven(CASE, "c2", SON, ConsentCapacity.SELF, Set.of("jiritsu"), Set.of(),
                Set.of(Purpose.MULTILAYER_MEETING), EnumSet.of(InformationCategory.BASIC), VALID_UNTIL, "houkatsu-north",
                NOW.minusSeconds(60), Set.of(SON), null);
        fixture.given(opened(), sonForMeeting)
                .when(new TableCaseAtMeeting(CASE, caseworker("houkatsu-north"), "m1", MeetingKind.MULTILAYER_MEETING,
                        LocalDate.parse("2026-04-20"), new java.util.LinkedHashSet<>(List.of("houkatsu-north", "jiritsu", "npo-ibasho", "kikan")),
                        Set.of(InformationCategory.BASIC)))
                .expectException(violation("CONSENT_REQUIRED"))
                .expectExceptionMessage(org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString("npo-ibasho, kikan"),
                        org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("jiritsu"))))
                .expectNoEvents();
        fixture.given(opened(), sonForMeeting)
                .when(new TableCaseAtMeeting(CASE, caseworker("houkatsu-north"), "m1", MeetingKind.MULTILAYER_MEETING,
                        LocalDate.parse("2026-04-20"), Set.of("houkatsu-north", "jiritsu"), Set.of(InformationCategory.BASIC)))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_multilayer_meeting_needs_consent_covering_every_attendee_and_names_the_one_missing() {
        ConsentGiven forMeeting = new ConsentGiven(CASE, "c1", MOTHER, ConsentCapacity.SELF, Set.of("jiritsu"), Set.of(),
                Set.of(Purpose.MULTILAYER_MEETING), EnumSet.of(InformationCategory.BASIC), VALID_UNTIL, "houkatsu-north",
                NOW.minusSeconds(60), Set.of(MOTHER), null);
        fixture.given(opened(), forMeeting)
                .when(new TableCaseAtMeeting(CASE, caseworker("houkatsu-north"), "m1", MeetingKind.MULTILAYER_MEETING,
                        LocalDate.parse("2026-04-20"), Set.of("houkatsu-north", "jiritsu", "npo-ibasho"),
                        Set.of(InformationCategory.BASIC)))
                .expectException(violation("CONSENT_REQUIRED"))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("npo-ibasho"))
                .expectNoEvents();
    }

    @Test
    void a_support_meeting_may_not_decide_what_needs_consent() {
        for (Decision d : List.of(new Decision.AcceptForSupport(),
                new Decision.AdoptPlan(List.of(TEXT), List.of(new PlanRole("jiritsu", TEXT)), "houkatsu-north", LocalDate.parse("2026-07-01"), List.of()),
                new Decision.ApproveParticipationSupport("npo-ibasho"), new Decision.Evaluate(TEXT, List.of()),
                new Decision.Close(TEXT, List.of()), new Decision.Suspend(TEXT, List.of()))) {
            fixture.given(opened(), escalated(), tabled("m1", MeetingKind.SUPPORT_MEETING), acknowledged("m1"))
                    .when(new ApplyMeetingDecisions(CASE, coordinator(), null, "m1", List.of(d)))
                    .expectException(violation("DECISION_NOT_ALLOWED"))
                    .expectNoEvents();
        }
    }

    @Test
    void a_support_meeting_sets_the_direction() {
        fixture.given(opened(), escalated(), tabled("m1", MeetingKind.SUPPORT_MEETING), acknowledged("m1"))
                .when(new ApplyMeetingDecisions(CASE, coordinator(), null, "m1", List.of(new Decision.SetDirection(TEXT, true,
                        List.of(new PlanRole("csw-north", TEXT)), LocalDate.parse("2026-05-01"), List.of(SON)))))
                .expectEvents(new DirectionSet(CASE, "m1", TEXT, true, List.of(new PlanRole("csw-north", TEXT)),
                        LocalDate.parse("2026-05-01"), List.of(SON)));
    }

    @Test
    void a_decision_on_a_case_the_coordinator_cannot_see_looks_like_a_missing_case() {
        fixture.given(opened(), escalated())
                .when(new ApplyMeetingDecisions(CASE, coordinator(), null, "m-other", List.of(new Decision.AcceptForSupport())))
                .expectException(violation("NOT_FOUND"))
                .expectNoEvents();
    }

    @Test
    void decisions_apply_in_order_and_a_late_refusal_records_none_of_them() {
        fixture.given(opened(), escalated(), motherConsentFor("c1", "city-welfare"), tabled("m1", MeetingKind.MULTILAYER_MEETING))
                .when(new ApplyMeetingDecisions(CASE, coordinator(), null, "m1", List.of(
                        new Decision.AcceptForSupport(), new Decision.Close(TEXT, List.of()))))
                .expectException(violation("INVALID_TRANSITION"))
                .expectNoEvents();
    }

    @Test
    void evaluate_then_revise_the_plan_and_support_again() {
        fixture.given(opened(), escalated(), motherConsentFor("c1", "city-welfare"), tabled("m1", MeetingKind.MULTILAYER_MEETING))
                .when(new ApplyMeetingDecisions(CASE, coordinator(), null, "m1", List.of(
                        new Decision.AcceptForSupport(),
                        new Decision.AdoptPlan(List.of(TEXT), List.of(new PlanRole("jiritsu", TEXT)), "houkatsu-north", LocalDate.parse("2026-07-01"), List.of()),
                        new Decision.Evaluate(TEXT, List.of()),
                        new Decision.AdoptPlan(List.of(TEXT), List.of(new PlanRole("kikan", TEXT)), "houkatsu-north", LocalDate.parse("2026-10-01"), List.of()))))
                .expectSuccessfulHandlerExecution()
                .expectState(c -> assertThat(state(c).phase()).isEqualTo(Phase.PLANNED));
    }

    @Test
    void a_meeting_closes_a_case_only_after_an_evaluation() {
        fixture.given(opened(), escalated(), motherConsentFor("c1", "city-welfare"), tabled("m1", MeetingKind.MULTILAYER_MEETING))
                .when(new ApplyMeetingDecisions(CASE, coordinator(), null, "m1", List.of(
                        new Decision.AcceptForSupport(),
                        new Decision.AdoptPlan(List.of(TEXT), List.of(new PlanRole("jiritsu", TEXT)), "houkatsu-north", LocalDate.parse("2026-07-01"), List.of()),
                        new Decision.Evaluate(TEXT, List.of()),
                        new Decision.Close(TEXT, List.of()))))
                .expectSuccessfulHandlerExecution()
                .expectState(c -> assertThat(state(c).phase()).isEqualTo(Phase.CLOSED));
    }

    @Test
    void only_the_lead_agency_or_a_coordinator_closes_a_case() {
        fixture.given(opened(), motherConsentFor("c1", "jiritsu"), referralTo("r1", "jiritsu", "c1"),
                        new ReferralAccepted(CASE, "r1", "jiritsu", NOW.minusSeconds(10)))
                .when(new CloseCase(CASE, caseworker("jiritsu"), null, TEXT, TEXT, List.of()))
                .expectException(violation("NOT_LEAD_AGENCY"))
                .expectNoEvents();
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private Disclosure disclose(String agency) {
        SupportCase aggregate = new SupportCase();
        aggregate.on(opened());
        aggregate.on(motherConsentFor("c1", "jiritsu"));
        return aggregate.handle(new DiscloseCase(CASE, caseworker(agency), Purpose.SUPPORT_COORDINATION, null),
                TestAgencies.rules(NOW));
    }

    private static CaseEscalated escalated() {
        return new CaseEscalated(CASE, "houkatsu-north", "city-welfare", null);
    }

    private static CaseTabledAtMeeting tabled(String meetingId, MeetingKind kind) {
        return new CaseTabledAtMeeting(CASE, meetingId, kind, LocalDate.parse("2026-04-06"), "city-welfare",
                Set.of("city-welfare", "houkatsu-north"), NOW.plusSeconds(86400 * 20));
    }

    private static ConfidentialityAcknowledgedForCase acknowledged(String meetingId) {
        return new ConfidentialityAcknowledgedForCase(CASE, meetingId, "city-welfare", NOW.minusSeconds(1));
    }

    private static org.hamcrest.Matcher<?> violation(String code, String... fields) {
        return new org.hamcrest.TypeSafeMatcher<RuleViolation>() {
            @Override
            protected boolean matchesSafely(RuleViolation v) {
                return v.code().equals(code) && (fields.length == 0
                        || v.fields().stream().map(RuleViolation.FieldError::field).toList().equals(List.of(fields)));
            }

            @Override
            public void describeTo(org.hamcrest.Description d) {
                d.appendText("a RuleViolation with code " + code + " naming " + List.of(fields));
            }
        };
    }

    private static CaseState state(SupportCase c) {
        try {
            var f = SupportCase.class.getDeclaredField("state");
            f.setAccessible(true);
            return (CaseState) f.get(c);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
