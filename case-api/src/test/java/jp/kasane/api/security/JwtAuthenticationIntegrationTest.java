package jp.kasane.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jp.kasane.api.agency.JdbcAgencyDirectory;
import jp.kasane.core.agency.Agency;
import jp.kasane.core.agency.AgencyType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.ActiveProfiles;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JWT mode: the server validates tokens with the test public key ({@code classpath:jwt/test-public.pem}); the
 * test signs them with the matching private key. Demo keys are off in this context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.security.oauth2.resourceserver.jwt.public-key-location=classpath:jwt/test-public.pem",
        "kasane.security.jwt.issuer=https://idp.test.invalid",
        "kasane.security.demo-keys=false"
})
@ActiveProfiles("test")
class JwtAuthenticationIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGENCY = "jwt-houkatsu";

    @LocalServerPort
    int port;

    @Autowired
    JdbcAgencyDirectory directory;

    @BeforeEach
    void registerAgency() {
        directory.upsert(new Agency(AGENCY, "地域包括支援センター (JWT)", AgencyType.COMMUNITY_GENERAL_SUPPORT_CENTER));
    }

    @Test
    void aSignedTokenWithAKnownAgencyIsAccepted() throws Exception {
        HttpResponse<String> response = get(token(c -> c.subject("staff-1").claim("agency", AGENCY)
                .claim("roles", List.of("CASEWORKER"))));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("items").toString()).contains(AGENCY);
    }

    @Test
    void theRolesClaimDecidesWhatTheCallerMayDo() throws Exception {
        String body = "{\"id\":\"jwt-added-" + System.nanoTime() % 100000
                + "\",\"name\":\"追加\",\"type\":\"OTHER_PUBLIC_BODY\"}";
        String caseworker = token(c -> c.subject("staff-2").claim("agency", AGENCY).claim("roles", List.of("CASEWORKER")));
        String admin = token(c -> c.subject("admin-1").claim("agency", AGENCY).claim("roles", List.of("ADMIN")));

        assertThat(post(caseworker, body).statusCode()).isEqualTo(403);
        assertThat(post(admin, body).statusCode()).isEqualTo(201);
    }

    @Test
    void aTokenWithoutAgencyIs401() throws Exception {
        assertInvalidToken(get(token(c -> c.subject("staff-1").claim("roles", List.of("CASEWORKER")))));
    }

    @Test
    void aTokenNamingAnUnknownAgencyIs401() throws Exception {
        assertInvalidToken(get(token(c -> c.subject("staff-1").claim("agency", "no-such-agency")
                .claim("roles", List.of("CASEWORKER")))));
    }

    @Test
    void anExpiredTokenIs401() throws Exception {
        assertInvalidToken(get(token(c -> c.subject("staff-1").claim("agency", AGENCY)
                .issueTime(Date.from(Instant.now().minusSeconds(7200)))
                .expirationTime(Date.from(Instant.now().minusSeconds(3600))))));
    }

    @Test
    void aTokenWithoutExpiryIs401() throws Exception {
        assertInvalidToken(get(token(c -> c.claim("agency", AGENCY).claim("roles", java.util.List.of("CASEWORKER"))
                .expirationTime(null))));
    }

    @Test
    void aTokenOfAnotherIssuerOrOfNoneIs401() throws Exception {
        assertInvalidToken(get(token(c -> c.claim("agency", AGENCY).claim("roles", java.util.List.of("CASEWORKER"))
                .issuer("https://evil.example"))));
        assertInvalidToken(get(token(c -> c.claim("agency", AGENCY).claim("roles", java.util.List.of("CASEWORKER"))
                .issuer(null))));
    }

    @Test
    void aTokenSignedWithAnotherKeyIs401() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        assertInvalidToken(get(sign(generator.generateKeyPair().getPrivate(),
                c -> c.subject("staff-1").claim("agency", AGENCY))));
    }

    @Test
    void demoKeysAreRefusedWhenTheyAreOff() throws Exception {
        assertInvalidToken(get("demo-admin"));
    }

    private static void assertInvalidToken(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).contains("invalid_token"));
    }

    private static String token(Consumer<JWTClaimsSet.Builder> claims) throws Exception {
        String pem = new ClassPathResource("jwt/test-private.pem").getContentAsString(StandardCharsets.US_ASCII)
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        return sign(key, claims);
    }

    private static String sign(PrivateKey key, Consumer<JWTClaimsSet.Builder> claims) throws Exception {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer("https://idp.test.invalid")
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(600)));
        claims.accept(builder);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
                builder.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private HttpResponse<String> get(String credential) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/agencies"))
                .header("Authorization", "Bearer " + credential).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String credential, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/agencies"))
                .header("Authorization", "Bearer " + credential)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
