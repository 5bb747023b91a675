package jp.kasane.api.web.error;

import com.fasterxml.jackson.databind.JsonNode;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.KasaneIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Value;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error is problem+json with a stable code, whichever layer refuses the request: the security firewall, the
 * authentication filters, Spring MVC, or Tomcat itself before any of them runs. Each row is sent as raw bytes over a
 * socket to the real embedded Tomcat (no client library may tidy it up first) and checked for its status, its
 * {@code Content-Type: application/problem+json} and its {@code code}.
 */
@KasaneIntegrationTest
class ContainerErrorsTest {

    @Value("${local.server.port}")
    int port;

    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            a Japanese Idempotency-Key                  | 400 | INVALID_HEADER
            a Japanese correlation id                   | 400 | INVALID_HEADER
            a Japanese Kasane-Actor                     | 400 | INVALID_HEADER
            a Japanese bearer credential                | 401 | UNAUTHENTICATED
            a malformed bearer credential               | 401 | UNAUTHENTICATED
            an unknown API key                          | 401 | UNAUTHENTICATED
            no credential                               | 401 | UNAUTHENTICATED
            unencoded Japanese in the query             | 400 | MALFORMED_REQUEST
            a 10 KB Idempotency-Key                     | 400 | INVALID_HEADER
            a control character in Accept               | 400 | INVALID_HEADER
            a control character in Content-Type         | 400 | INVALID_HEADER
            a control character in If-Match             | 400 | INVALID_HEADER
            a 70 KB header                              | 431 | HEADERS_TOO_LARGE
            a body of 3 MB                              | 413 | PAYLOAD_TOO_LARGE
            a body that is not JSON                     | 400 | MALFORMED_REQUEST
            text/plain instead of JSON                  | 415 | UNSUPPORTED_MEDIA_TYPE
            Accept text/csv on a case                   | 406 | NOT_ACCEPTABLE
            DELETE on a case                            | 405 | METHOD_NOT_ALLOWED
            a path that does not exist                  | 404 | NOT_FOUND
            an encoded slash in the path                | 400 | MALFORMED_REQUEST
            """)
    void every_layer_answers_problem_json_with_a_code(String row, int status, String code) throws IOException {
        String key = "Authorization: Bearer demo-houkatsu-north\r\n";
        String json = "Content-Type: application/json\r\n";
        String body = "{\"occurredAt\":\"2026-04-10T01:00:00Z\",\"channel\":\"PHONE\",\"summary\":\"電話\"}";
        byte[] request = switch (row) {
            case "a Japanese Idempotency-Key" -> post("/api/v1/cases", key + json + "Idempotency-Key: 山田の鍵\r\n", body);
            case "a Japanese correlation id" -> get("/api/v1/caseload", key + "X-Correlation-Id: 相関ID\r\n");
            case "a Japanese Kasane-Actor" -> get("/api/v1/caseload", key + "Kasane-Actor: 山田\r\n");
            case "a Japanese bearer credential" -> get("/api/v1/caseload", "Authorization: Bearer 山田\r\n");
            case "a malformed bearer credential" -> get("/api/v1/caseload", "Authorization: Bearer a b c\r\n");
            case "an unknown API key" -> get("/api/v1/caseload", "Authorization: Bearer demo-nobody\r\n");
            case "no credential" -> get("/api/v1/caseload", "");
            case "unencoded Japanese in the query" -> get("/api/v1/meetings?from=令和8年", "Authorization: Bearer demo-coordinator\r\n");
            case "a 10 KB Idempotency-Key" -> post("/api/v1/cases", key + json + "Idempotency-Key: " + "k".repeat(10_240) + "\r\n", body);
            case "a control character in Accept" -> get("/api/v1/caseload", key + "Accept: application/json\u0085\r\n");
            case "a control character in Content-Type" -> post("/api/v1/cases", key + "Content-Type: application/json\u0085\r\n", body);
            case "a control character in If-Match" -> post("/api/v1/cases/00000000-0000-0000-0000-000000000000/consultations",
                    key + json + "If-Match: \"1\u0085\"\r\n", body);
            case "a 70 KB header" -> get("/api/v1/caseload", key + "X-Padding: " + "p".repeat(70 * 1024) + "\r\n");
            case "a body of 3 MB" -> post("/api/v1/cases", key + json, "{\"summary\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}");
            case "a body that is not JSON" -> post("/api/v1/cases", key + json, "{not json");
            case "text/plain instead of JSON" -> post("/api/v1/cases", key + "Content-Type: text/plain\r\n", body);
            case "Accept text/csv on a case" -> get("/api/v1/cases/00000000-0000-0000-0000-000000000000", key + "Accept: text/csv\r\n");
            case "DELETE on a case" -> raw("DELETE", "/api/v1/cases/00000000-0000-0000-0000-000000000000", key, null);
            case "a path that does not exist" -> get("/api/v1/nowhere", key);
            case "an encoded slash in the path" -> get("/api/v1/cases/a%2Fb", key);
            default -> throw new IllegalArgumentException(row);
        };

        Answer answer = send(request);

        assertThat(answer.status).as("%s: status (answer %s)", row, answer.body).isEqualTo(status);
        assertThat(answer.contentType).as("%s: content type (answer %s)", row, answer.body).startsWith("application/problem+json");
        JsonNode problem = Api.JSON.readTree(answer.body);
        assertThat(problem.path("code").asText()).as("%s: code", row).isEqualTo(code);
        assertThat(problem.path("status").asInt()).as("%s: status in the body", row).isEqualTo(status);
        assertThat(answer.body).as("%s: no stack trace, no server internals", row)
                .doesNotContain("Exception").doesNotContain("Tomcat").doesNotContain("at org.");
    }

    /**
     * A byte such as 0x85 (which the container reads as the control character U+0085) in a header the application
     * reads: refused first, naming the header, where the firewall refused it only when Spring read it (a 500 until
     * then); the value itself is not echoed.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Accept       | GET
            Content-Type | POST
            If-Match     | POST
            """)
    void a_control_character_in_a_header_the_application_reads_is_a_400_naming_it(String header, String method)
            throws IOException {
        String headers = "Authorization: Bearer demo-houkatsu-north\r\n" + header + ": a\u0085b-secret\r\n";
        Answer answer = send(method.equals("GET") ? get("/api/v1/caseload", headers)
                : post("/api/v1/cases", headers, "{}"));

        assertThat(answer.status).as(answer.body).isEqualTo(400);
        JsonNode problem = Api.JSON.readTree(answer.body);
        assertThat(problem.path("code").asText()).isEqualTo("INVALID_HEADER");
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo(header);
        assertThat(answer.body).doesNotContain("secret");
    }

    @Test
    void one_answer_names_every_bad_header() throws IOException {
        String headers = "Authorization: Bearer demo-houkatsu-north\r\nContent-Type: application/json\u0085\r\n"
                + "Idempotency-Key: 山田の鍵\r\nAccept: application/json\u0085\r\n";
        Answer answer = send(post("/api/v1/cases", headers, "{}"));

        assertThat(answer.status).as(answer.body).isEqualTo(400);
        JsonNode problem = Api.JSON.readTree(answer.body);
        assertThat(problem.path("code").asText()).isEqualTo("INVALID_HEADER");
        assertThat(problem.path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("Idempotency-Key", "Accept", "Content-Type");
    }

    // ---- raw HTTP/1.1 ----------------------------------------------------------------------------------------------

    private record Answer(int status, String contentType, String body) {
    }

    private static byte[] get(String target, String headers) {
        return raw("GET", target, headers, null);
    }

    private static byte[] post(String target, String headers, String body) {
        return raw("POST", target, headers, body);
    }

    private static byte[] raw(String method, String target, String headers, String body) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + headers
                + (body == null ? "" : "Content-Length: " + content.length + "\r\n") + "\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8)); // header bytes as a client would send them: UTF-8
        out.writeBytes(content);
        return out.toByteArray();
    }

    private Answer send(byte[] request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // The server may answer and close before the whole (too large) request is written: read its answer.
            }
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int headEnd = response.indexOf("\r\n\r\n");
            String head = headEnd < 0 ? response : response.substring(0, headEnd);
            String rest = headEnd < 0 ? "" : response.substring(headEnd + 4);
            int status = Integer.parseInt(head.substring(9, 12));
            String contentType = "";
            boolean chunked = false;
            for (String line : head.split("\r\n")) {
                String lower = line.toLowerCase();
                if (lower.startsWith("content-type:")) {
                    contentType = line.substring(13).trim();
                }
                if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            return new Answer(status, contentType, chunked ? unchunk(rest) : rest);
        }
    }

    private static String unchunk(String body) {
        StringBuilder out = new StringBuilder();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int i = 0;
        while (i < bytes.length) {
            int lineEnd = indexOf(bytes, i);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(new String(bytes, i, lineEnd - i, StandardCharsets.US_ASCII).trim().split(";")[0], 16);
            if (size == 0) {
                break;
            }
            out.append(new String(bytes, lineEnd + 2, size, StandardCharsets.UTF_8));
            i = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
