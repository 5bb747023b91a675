package jp.kasane.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jp.kasane.api.support.RunningJar;
import jp.kasane.api.support.RunningJar.Answer;
import jp.kasane.api.support.TestIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A city's first production start (docs/security.md, "Production start-up"): the jar in the {@code prod} profile on
 * an empty database, with a registry bootstrap file and a local identity provider. A token from that provider for
 * the coordinator's ADMIN adds an agency, a caseworker of a bootstrapped agency opens and reads a case, the demo keys
 * are refused; a second start with another bootstrap file leaves the registry as it was.
 */
class ProductionStartIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private RunningJar jar;
    private TestIssuer issuer;

    @AfterEach
    void stop() throws InterruptedException {
        if (jar != null) {
            jar.close();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    @Test
    void the_prod_profile_starts_on_an_empty_database_from_the_bootstrap_and_the_city_s_tokens() throws Exception {
        issuer = new TestIssuer();
        jar = new RunningJar("prod-start");
        Path bootstrap = Files.writeString(dir.resolve("registry.json"), """
                {"agencies":[
                  {"id":"city-welfare","name":"市 福祉政策課 (重層支援)","type":"MULTI_AGENCY_COORDINATOR"},
                  {"id":"houkatsu-east","name":"地域包括支援センター東","type":"COMMUNITY_GENERAL_SUPPORT_CENTER"}]}""");

        jar.start("prod, empty database", arguments(bootstrap));

        String admin = token("admin-1", "city-welfare", "ADMIN");
        Answer added = jar.post("/api/v1/agencies", admin,
                "{\"id\":\"npo-yorisoi\",\"name\":\"NPO法人 よりそい\",\"type\":\"PARTICIPATION_PARTNER\"}");
        assertThat(added.status()).as(added.text()).isEqualTo(201);

        String caseworker = token("staff-7", "houkatsu-east", "CASEWORKER");
        Answer opened = jar.post("/api/v1/cases", caseworker, """
                {"occurredAt":"2026-04-03T01:00:00Z","channel":"VISIT","summary":"母の介護相談。息子は長年ひきこもり。",
                 "issues":["ISSUE_8050"],
                 "household":{"members":[{"name":"東 花子","birthDate":"1944-05-01","relationship":"SELF"}]}}""");
        assertThat(opened.status()).as(opened.text()).isEqualTo(201);
        String caseId = opened.body().get("caseId").asText();
        Answer read = jar.get("/api/v1/cases/" + caseId, caseworker);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().get("household").get("members").get(0).get("name").asText()).isEqualTo("東 花子");

        assertThat(jar.get("/api/v1/agencies", "demo-admin").status()).isEqualTo(401);
        assertThat(jar.get("/api/v1/cases/" + caseId, token("staff-9", "npo-yorisoi", "CASEWORKER")).status())
                .isEqualTo(404);

        jar.close();
        Files.writeString(bootstrap, """
                {"agencies":[{"id":"ignored-agency","name":"無視される","type":"OTHER_PUBLIC_BODY"}]}""");
        jar = new RunningJar("prod-restart");
        jar.start("prod, second start", arguments(bootstrap));

        Answer registry = jar.get("/api/v1/agencies", token("admin-1", "city-welfare", "ADMIN"));
        assertThat(registry.body().get("items").findValuesAsText("id"))
                .containsExactly("city-welfare", "houkatsu-east", "npo-yorisoi");
    }

    private List<String> arguments(Path bootstrap) {
        return List.of("--spring.profiles.active=prod",
                "--kasane.data-dir=" + dir.resolve("data"),
                "--kasane.registry.bootstrap=" + bootstrap,
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + issuer.jwkSetUri(),
                "--kasane.security.jwt.issuer=" + issuer.issuer(),
                "--spring.security.oauth2.resourceserver.jwt.audiences=" + TestIssuer.AUDIENCE);
    }

    /** A token as a staff member's system obtains it: from the identity provider's token endpoint. */
    private String token(String sub, String agency, String roles) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(issuer.issuer() + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("sub=" + sub + "&agency=" + agency + "&roles=" + roles))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("access_token").asText();
    }
}
