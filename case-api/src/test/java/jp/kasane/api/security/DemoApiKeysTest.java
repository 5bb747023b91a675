package jp.kasane.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jp.kasane.core.access.Caller;
import jp.kasane.core.access.Role;
import jp.kasane.core.agency.Agency;
import jp.kasane.core.agency.AgencyType;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static jp.kasane.core.access.Role.ADMIN;
import static jp.kasane.core.access.Role.ANALYST;
import static jp.kasane.core.access.Role.AUDITOR;
import static jp.kasane.core.access.Role.CASEWORKER;
import static jp.kasane.core.access.Role.COORDINATOR;
import static org.assertj.core.api.Assertions.assertThat;

class DemoApiKeysTest {

    /** API.md "Authentication", row by row: key → agency id, agency type, roles. */
    record Row(String agencyId, AgencyType type, Set<Role> roles) {
    }

    static final Map<String, Row> API_MD = new LinkedHashMap<>();

    static {
        API_MD.put("demo-houkatsu-north", new Row("houkatsu-north", AgencyType.COMMUNITY_GENERAL_SUPPORT_CENTER, Set.of(CASEWORKER)));
        API_MD.put("demo-houkatsu-south", new Row("houkatsu-south", AgencyType.COMMUNITY_GENERAL_SUPPORT_CENTER, Set.of(CASEWORKER)));
        API_MD.put("demo-csw-north", new Row("csw-north", AgencyType.COMMUNITY_SOCIAL_WORKER, Set.of(CASEWORKER)));
        API_MD.put("demo-jiritsu", new Row("jiritsu", AgencyType.LIVELIHOOD_CONSULTATION, Set.of(CASEWORKER)));
        API_MD.put("demo-kikan", new Row("kikan", AgencyType.DISABILITY_CORE_CENTER, Set.of(CASEWORKER)));
        API_MD.put("demo-kodomo", new Row("kodomo", AgencyType.CHILD_FAMILY_CENTER, Set.of(CASEWORKER)));
        API_MD.put("demo-npo-ibasho", new Row("npo-ibasho", AgencyType.PARTICIPATION_PARTNER, Set.of(CASEWORKER)));
        API_MD.put("demo-coordinator", new Row("city-welfare", AgencyType.MULTI_AGENCY_COORDINATOR, Set.of(CASEWORKER, COORDINATOR)));
        API_MD.put("demo-auditor", new Row("audit-office", AgencyType.OTHER_PUBLIC_BODY, Set.of(AUDITOR)));
        API_MD.put("demo-analyst", new Row("planning", AgencyType.OTHER_PUBLIC_BODY, Set.of(ANALYST)));
        API_MD.put("demo-admin", new Row("city-welfare", AgencyType.MULTI_AGENCY_COORDINATOR, Set.of(ADMIN)));
    }

    private final DemoMunicipality municipality = DemoMunicipality.load(new ObjectMapper());
    private final DemoApiKeys keys = new DemoApiKeys(municipality);

    @Test
    void theResourceHoldsExactlyTheTableOfApiMd() {
        assertThat(municipality.apiKeys()).hasSize(API_MD.size());
        API_MD.forEach((key, row) -> {
            DemoMunicipality.ApiKey apiKey = municipality.apiKeys().stream()
                    .filter(k -> k.key().equals(key)).findFirst().orElseThrow();
            assertThat(apiKey.agencyId()).isEqualTo(row.agencyId());
            assertThat(apiKey.agencyType()).isEqualTo(row.type());
            assertThat(apiKey.roles()).isEqualTo(row.roles());
        });
        assertThat(municipality.agencies()).extracting(Agency::id).containsExactlyInAnyOrder(
                "houkatsu-north", "houkatsu-south", "csw-north", "jiritsu", "kikan", "kodomo", "npo-ibasho",
                "city-welfare", "audit-office", "planning");
        assertThat(municipality.agencies()).allSatisfy(a -> assertThat(a.name()).isNotBlank());
        assertThat(municipality.agencies()).filteredOn(a -> a.id().equals("houkatsu-north"))
                .extracting(Agency::name).containsExactly("地域包括支援センター北");
    }

    @Test
    void everyDemoKeyAuthenticatesAsItsAgencyWithItsRoles() {
        API_MD.forEach((key, row) -> {
            Caller caller = keys.authenticate(key, null).orElseThrow();
            assertThat(caller.agencyId()).isEqualTo(row.agencyId());
            assertThat(caller.roles()).isEqualTo(row.roles());
            assertThat(caller.actor()).isEqualTo(row.agencyId() + ":demo");
        });
    }

    @Test
    void anythingElseIsNotADemoKey() {
        assertThat(keys.authenticate("demo-houkatsu-nort", null)).isEmpty();
        assertThat(keys.authenticate("demo-houkatsu-north ", null)).isEmpty();
        assertThat(keys.authenticate("DEMO-ADMIN", null)).isEmpty();
        assertThat(keys.authenticate("", null)).isEmpty();
        assertThat(keys.authenticate(null, null)).isEmpty();
    }

    @Test
    void theActorHeaderNamesTheStaffMemberWhenItIsAValidOpaqueId() {
        assertThat(keys.authenticate("demo-kodomo", "staff-0042@kodomo").orElseThrow().actor())
                .isEqualTo("staff-0042@kodomo");
        assertThat(keys.authenticate("demo-kodomo", "阪南 花子").orElseThrow().actor()).isEqualTo("kodomo:demo");
        assertThat(keys.authenticate("demo-kodomo", "x".repeat(65)).orElseThrow().actor()).isEqualTo("kodomo:demo");
        assertThat(keys.authenticate("demo-kodomo", "").orElseThrow().actor()).isEqualTo("kodomo:demo");
    }

    @Test
    void theBannerListsEveryKey() {
        String banner = DemoMunicipalitySeeder.banner(municipality);
        assertThat(banner).contains("DEMO MODE: these API keys are accepted")
                .contains("demo-houkatsu-north → houkatsu-north [CASEWORKER]")
                .contains("demo-coordinator → city-welfare [CASEWORKER, COORDINATOR]")
                .contains("demo-admin → city-welfare [ADMIN]");
    }
}
