package jp.kasane.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An identity provider that cannot be reached is the server's trouble, not the caller's (docs/security.md): a JWT
 * that cannot be checked because the JWK set is unreachable answers {@code 503 IDENTITY_PROVIDER_UNAVAILABLE},
 * problem+json with {@code Retry-After}, never a 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/jwks",
        "kasane.security.jwt.issuer=https://idp.test.invalid",
        "spring.security.oauth2.resourceserver.jwt.audiences=kasane",
        "kasane.security.demo-keys=false"
})
@ActiveProfiles("test")
class IdentityProviderUnreachableTest {

    @LocalServerPort
    int port;

    @Test
    void a_token_that_cannot_be_checked_is_a_503_with_retry_after() throws Exception {
        // A well-formed RS256 JWT: the decoder must fetch the key set to check it.
        String jwt = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImsxIn0"
                + ".eyJpc3MiOiJodHRwczovL2lkcC50ZXN0LmludmFsaWQiLCJzdWIiOiJzMSIsImV4cCI6NDEwMjQ0NDgwMH0"
                + ".c2lnbmF0dXJl";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/agencies"))
                .header("Authorization", "Bearer " + jwt).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        JsonNode problem = new ObjectMapper().readTree(r.body());
        assertThat(problem.get("code").asText()).isEqualTo("IDENTITY_PROVIDER_UNAVAILABLE");
    }
}
