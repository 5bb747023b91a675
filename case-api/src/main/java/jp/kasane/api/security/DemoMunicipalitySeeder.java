package jp.kasane.api.security;

import jp.kasane.api.agency.JdbcAgencyDirectory;
import jp.kasane.core.access.Role;
import jp.kasane.core.agency.Agency;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

import java.util.stream.Collectors;

/**
 * In demo mode, at start-up (after Flyway, before the server takes requests): puts the demo municipality's
 * agencies into the registry and says loudly in the log which API keys are accepted.
 */
public class DemoMunicipalitySeeder implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DemoMunicipalitySeeder.class);

    private final DemoMunicipality municipality;
    private final JdbcAgencyDirectory directory;

    public DemoMunicipalitySeeder(DemoMunicipality municipality, JdbcAgencyDirectory directory) {
        this.municipality = municipality;
        this.directory = directory;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (Agency agency : municipality.agencies()) {
            directory.upsert(agency);
        }
        log.warn(banner(municipality));
    }

    static String banner(DemoMunicipality municipality) {
        String keys = municipality.apiKeys().stream()
                .map(k -> "    " + k.key() + " → " + k.agencyId() + " " + k.roles().stream().sorted()
                        .map(Role::name).collect(Collectors.joining(", ", "[", "]")))
                .collect(Collectors.joining("\n"));
        return "\n================================================================================\n"
                + "DEMO MODE: these API keys are accepted (Authorization: Bearer <key>):\n"
                + keys + "\n"
                + "Anyone who knows them can read every case. Never use demo mode with real data: run with\n"
                + "the prod profile and a JWT issuer (docs/security.md). Switch off: KASANE_DEMO_KEYS=false.\n"
                + "================================================================================";
    }
}
