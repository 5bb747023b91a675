package jp.kasane.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The jar {@code mvn package} built, run as a newcomer or a city runs it ({@code java -jar case-api.jar …}), for the
 * failsafe tests ({@code *IT}): starts it on a free port, waits for readiness, speaks HTTP to it, and stops every
 * process it started (SIGTERM, so the embedded PostgreSQL stops too).
 */
public final class RunningJar implements AutoCloseable {

    public static final Path JAR = Path.of("target", "case-api.jar");
    static final Duration READY_WITHIN = Duration.ofSeconds(180);
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> started = new ArrayList<>();
    private final int port;
    private final String logPrefix;

    public RunningJar(String logPrefix) throws IOException {
        assertThat(JAR).as("run after mvn package").exists();
        this.port = freePort();
        this.logPrefix = logPrefix;
    }

    /** Starts the jar with these arguments (after {@code --server.port}) and waits until it is ready. */
    public Process start(String which, List<String> arguments) throws IOException, InterruptedException {
        Path log = Path.of("target", logPrefix + "-" + started.size() + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-jar", JAR.toString(), "--server.port=" + port));
        command.addAll(arguments);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
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

    public Answer get(String path, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request);
    }

    public Answer post(String path, String bearer, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request);
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(r.statusCode(), r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body()), r.body());
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroy(); // SIGTERM: a graceful stop also stops the embedded PostgreSQL
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** An HTTP answer: status, the body as JSON (null node when empty) and as text. */
    public record Answer(int status, JsonNode body, String text) {
    }
}
