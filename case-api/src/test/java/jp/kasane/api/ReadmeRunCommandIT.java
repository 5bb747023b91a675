package jp.kasane.api;

import com.fasterxml.jackson.databind.JsonNode;
import jp.kasane.api.support.RunningJar;
import jp.kasane.api.support.RunningJar.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's promise, on the jar {@code mvn package} built: {@code java -jar case-api/target/case-api.jar} starts
 * on the embedded PostgreSQL with the demo municipality, a case opened with a demo key reads back with its Japanese
 * text intact, a {@code kill -9} and a new start keep it, another agency reads 404 and no key 401. The Spring tests
 * run the application from the test classpath, which differs (axon-test, for one, adds parameter resolvers: a
 * snapshotter that could not resolve {@code CaseRules} started there and not from the jar); only this test runs what
 * a newcomer runs. Failsafe runs it after {@code package} (classes ending in {@code IT}).
 */
class ReadmeRunCommandIT {

    static final String SUMMARY = "80代の母と50代の息子の二人暮らし。息子は長年ひきこもり。母の介護相談で来所。";

    @TempDir
    Path dataDir;

    private RunningJar jar;

    @AfterEach
    void stopEverything() throws InterruptedException {
        if (jar != null) {
            jar.close();
        }
    }

    @Test
    void the_jar_serves_a_case_survives_kill_minus_9_and_refuses_others() throws Exception {
        jar = new RunningJar("readme-run");
        List<String> args = List.of("--kasane.data-dir=" + dataDir);

        Process first = jar.start("first", args);
        String caseId = openCase();
        JsonNode view = jar.get("/api/v1/cases/" + caseId, "demo-houkatsu-north").body();
        assertThat(view.get("household").get("members").get(0).get("name").asText()).isEqualTo("阪南 花子");
        assertThat(view.get("consultations").get(0).get("summary").asText()).isEqualTo(SUMMARY);

        first.destroyForcibly(); // kill -9: no shutdown hook, the embedded PostgreSQL is left running
        first.waitFor();

        jar.start("after kill -9", args);
        Answer again = jar.get("/api/v1/cases/" + caseId, "demo-houkatsu-north");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("consultations").get(0).get("summary").asText()).isEqualTo(SUMMARY);
        assertThat(jar.get("/api/v1/cases/" + caseId, "demo-jiritsu").status()).isEqualTo(404);
        assertThat(jar.get("/api/v1/cases/" + caseId, null).status()).isEqualTo(401);
    }

    private String openCase() throws IOException, InterruptedException {
        String body = """
                {"occurredAt":"2026-04-03T01:00:00Z","channel":"VISIT","summary":"%s",
                 "issues":["ISSUE_8050","HIKIKOMORI"],
                 "household":{"members":[
                   {"name":"阪南 花子","birthDate":"1944-05-01","relationship":"SELF"},
                   {"name":"阪南 一郎","birthDate":"1974-09-12","relationship":"CHILD"}]}}""".formatted(SUMMARY);
        Answer r = jar.post("/api/v1/cases", "demo-houkatsu-north", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.body().get("caseId").asText();
    }
}
