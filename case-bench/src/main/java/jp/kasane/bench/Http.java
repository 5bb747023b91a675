package jp.kasane.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The API as a partner agency's system calls it: JSON over HTTP/1.1 with keep-alive, a demo API key per agency. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One answer: its status, its body, and how long it took (nanoseconds, from send to the last byte). */
    record Answer(int status, String body, long nanos) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }

        String text(String field) {
            return json().path(field).asText();
        }

        /** What a refusal says it is: its status, and the problem's {@code code} when the body has one. */
        String refusal() {
            try {
                String code = json().path("code").asText("");
                return code.isEmpty() ? String.valueOf(status) : status + " " + code;
            } catch (IllegalStateException notJson) {
                return String.valueOf(status); // a refusal outside our handlers, or the client's own
            }
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Http(int port) {
        this.base = "http://localhost:" + port;
    }

    Answer get(String key, String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), key);
    }

    Answer post(String key, String path, Object body) {
        return post(key, path, body, null);
    }

    /** A write a partner system may retry: the same idempotency key, the same request, one record. */
    Answer post(String key, String path, Object body, String idempotencyKey) {
        try {
            String json = body == null ? "" : JSON.writeValueAsString(body);
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            if (idempotencyKey != null) {
                b.header("Idempotency-Key", idempotencyKey);
            }
            return send(b, key);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer send(HttpRequest.Builder b, String key) {
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        b.timeout(Duration.ofSeconds(30));
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.body(), System.nanoTime() - t0);
        } catch (IOException e) {
            return new Answer(-1, e.toString(), System.nanoTime() - t0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted", System.nanoTime() - t0);
        }
    }
}
