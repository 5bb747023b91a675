package jp.kasane.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The README's promise, on the jar {@code mvn package} built: {@code java -jar case-api/target/case-api.jar} starts
 * on the embedded PostgreSQL with the demo municipality, a case opened with a demo key reads back with its Japanese
 * text intact, a {@code kill -9} and a new start keep it, another agency reads 404 and no key 401. The Spring tests
 * run the application from the test classpath, which differs (axon-test, for one, adds parameter resolvers: a
 * snapshotter that could not resolve {@code CaseRules} started there and not from the jar); only this test runs what
 * a newcomer runs. Failsafe runs it after {@code package} (classes ending in {@code IT}).
 */
class ReadmeRunCommandIT {

    static final Path JAR = Path.of("target", "case-api.jar");
    static final Duration READY_WITHIN = Duration.ofSeconds(180);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SUMMARY = "80代の母と50代の息子の二人暮らし。息子は長年ひきこもり。母の介護相談で来所。";

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> started = new ArrayList<>();
    private int port;

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroy(); // SIGTERM: a graceful stop also stops the embedded PostgreSQL
                if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    @Test
    void the_jar_serves_a_case_survives_kill_minus_9_and_refuses_others() throws Exception {
        assertThat(JAR).as("run after mvn package").exists();
        port = freePort();

        Process first = start("first");
        String caseId = openCase();
        JsonNode view = get("/api/v1/cases/" + caseId, "demo-houkatsu-north").body();
        assertThat(view.get("household").get("members").get(0).get("name").asText()).isEqualTo("阪南 花子");
        assertThat(view.get("consultations").get(0).get("summary").asText()).isEqualTo(SUMMARY);

        first.destroyForcibly(); // kill -9: no shutdown hook, the embedded PostgreSQL is left running
        first.waitFor();

        start("after kill -9");
        Answer again = get("/api/v1/cases/" + caseId, "demo-houkatsu-north");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("consultations").get(0).get("summary").asText()).isEqualTo(SUMMARY);
        assertThat(get("/api/v1/cases/" + caseId, "demo-jiritsu").status()).isEqualTo(404);
        assertThat(get("/api/v1/cases/" + caseId, null).status()).isEqualTo(401);
    }

    private Process start(String which) throws IOException, InterruptedException {
        Path log = Path.of("target", "readme-run-" + started.size() + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-jar", JAR.toString(), "--server.port=" + port,
                "--kasane.data-dir=" + dataDir)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(p);
        Instant t0 = Instant.now();
        while (Duration.between(t0, Instant.now()).compareTo(READY_WITHIN) < 0) {
            if (!p.isAlive()) {
                fail("the jar exited (" + which + ") with " + p.exitValue() + ":\n" + tail(log));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    System.out.printf("case-api.jar ready (%s) after %d ms%n", which,
                            Duration.between(t0, Instant.now()).toMillis());
                    return p;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        return fail("the jar was not ready (" + which + ") within " + READY_WITHIN + ":\n" + tail(log));
    }

    private String openCase() throws IOException, InterruptedException {
        String body = """
                {"occurredAt":"2026-04-03T01:00:00Z","channel":"VISIT","summary":"%s",
                 "issues":["ISSUE_8050","HIKIKOMORI"],
                 "household":{"members":[
                   {"name":"阪南 花子","birthDate":"1944-05-01","relationship":"SELF"},
                   {"name":"阪南 一郎","birthDate":"1974-09-12","relationship":"CHILD"}]}}""".formatted(SUMMARY);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/api/v1/cases"))
                .header("Authorization", "Bearer demo-houkatsu-north").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).get("caseId").asText();
    }

    private Answer get(String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(r.statusCode(), r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body()));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    record Answer(int status, JsonNode body) {
    }
}
