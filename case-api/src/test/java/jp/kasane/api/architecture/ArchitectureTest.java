package jp.kasane.api.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jp.kasane.core.consent.ConsentRecord;
import jp.kasane.core.meeting.MeetingOnCase;
import jp.kasane.core.supportcase.CaseState;
import jp.kasane.projections.BatchedProjection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layout is the architecture (README "The shape"), and each rule has one home: these rules fail the build when
 * a class reaches across a layer or keeps its own copy of a rule the domain owns.
 */
class ArchitectureTest {

    static final List<String> ACCESS_QUESTIONS = List.of("inForceAt", "covers", "names", "coversSubjects", "statusAt");

    static JavaClasses kasane;

    @BeforeAll
    static void importClasses() {
        kasane = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("jp.kasane");
    }

    @Test
    void the_domain_knows_no_web_no_sql_and_no_application() {
        noClasses().that().resideInAPackage("jp.kasane.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..",
                        "javax.sql..", "jakarta.servlet..", "jp.kasane.api..", "jp.kasane.projections..")
                .check(kasane);
    }

    @Test
    void projections_do_not_reach_into_the_application() {
        noClasses().that().resideInAPackage("jp.kasane.projections..")
                .should().dependOnClassesThat().resideInAPackage("jp.kasane.api..")
                .check(kasane);
    }

    @Test
    void the_domain_packages_have_no_cycles() {
        slices().matching("jp.kasane.core.(*)..").should().beFreeOfCycles().check(kasane);
    }

    @Test
    void the_projection_and_application_packages_have_no_cycles() {
        slices().matching("jp.kasane.projections.(*)..").should().beFreeOfCycles().check(kasane);
        slices().matching("jp.kasane.api.(*)..").should().beFreeOfCycles().check(kasane);
    }

    /** A newcomer finds every endpoint under web/, one package per resource. */
    @Test
    void controllers_live_under_web_one_package_per_resource() {
        classes().that().areAnnotatedWith(RestController.class)
                .should().resideInAPackage("jp.kasane.api.web.(*)")
                .check(kasane);
    }

    /** The web layer renders the typed, already-redacted CaseView; the case's internal state stays in the domain. */
    @Test
    void the_web_layer_never_sees_the_case_state() {
        noClasses().that().resideInAPackage("jp.kasane.api.web..")
                .should().dependOnClassesThat().haveFullyQualifiedName(CaseState.class.getName())
                .check(kasane);
    }

    /**
     * Whether a consent is in force, whom it names and covers, and whether a meeting gives Art. 106-6 access are
     * asked only by the domain's rules (DisclosurePolicy, the aggregates): a projection or a controller that asked
     * them itself would be keeping its own copy of who may see a case (the caseload once did, and drifted).
     */
    @Test
    void only_the_domain_asks_a_consent_or_a_meeting_whether_it_grants_access() {
        noClasses().that().resideOutsideOfPackages("jp.kasane.core..")
                .should().callMethodWhere(DescribedPredicate.describe("an access question of a consent or a meeting",
                        call -> {
                            String owner = call.getTarget().getOwner().getName();
                            String name = call.getTarget().getName();
                            return owner.equals(ConsentRecord.class.getName()) && ACCESS_QUESTIONS.contains(name)
                                    || owner.equals(MeetingOnCase.class.getName())
                                    && name.equals("grantsSupportMeetingAccess");
                        }))
                .because("who may see a case is decided in jp.kasane.core.supportcase.DisclosurePolicy")
                .check(kasane);
    }

    @Test
    void every_endpoint_states_who_may_call_it() {
        methods().that().areDeclaredInClassesThat().areAnnotatedWith(RestController.class)
                .and().arePublic()
                .and(DescribedPredicate.<JavaMethod>describe("handle a request", m ->
                        m.isAnnotatedWith(GetMapping.class) || m.isAnnotatedWith(PostMapping.class)
                                || m.isAnnotatedWith(PutMapping.class) || m.isAnnotatedWith(DeleteMapping.class)
                                || m.isAnnotatedWith(PatchMapping.class) || m.isAnnotatedWith(RequestMapping.class)))
                .should(new ArchCondition<>("be annotated with @PreAuthorize") {
                    @Override
                    public void check(JavaMethod m, ConditionEvents events) {
                        boolean stated = m.isAnnotatedWith(PreAuthorize.class)
                                || m.getOwner().isAnnotatedWith(PreAuthorize.class);
                        events.add(new SimpleConditionEvent(m, stated, m.getFullName() + " has no @PreAuthorize"));
                    }
                })
                .check(kasane);
    }

    /** Batching a processor's writes, and falling back to event by event after a failure, is declared once. */
    @Test
    void every_processing_group_batches_its_writes_through_the_one_interceptor() {
        classes().that().areAnnotatedWith(ProcessingGroup.class)
                .should().beAssignableTo(BatchedProjection.class)
                .check(kasane);
        methods().that().areAnnotatedWith(MessageHandlerInterceptor.class)
                .should().beDeclaredIn(BatchedProjection.class)
                .check(kasane);
    }
}
