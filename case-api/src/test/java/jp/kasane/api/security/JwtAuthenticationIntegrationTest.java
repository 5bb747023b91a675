package jp.kasane.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import jp.kasane.api.agency.JdbcAgencyDirectory;
import jp.kasane.core.agency.Agency;
import jp.kasane.core.agency.AgencyType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JWT mode: the server validates tokens with the test public key ({@code classpath:jwt/test-public.pem}); the
 * test signs them with the matching private key. Demo keys are off in this context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.security.oauth2.resourceserver.jwt.public-key-location=classpath:jwt/test-public.pem",
        "kasane.security.jwt.issuer=https://idp.test.invalid",
        "spring.security.oauth2.resourceserver.jwt.audiences=kasane",
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

    /** Each token a resource server must refuse, as a table: every one is 401 problem+json, invalid_token. */
    static Stream<Arguments> refusedTokens() {
        return Stream.of(
                Arguments.of("no exp", (Refused) () -> token(valid().andThen(c -> c.expirationTime(null)))),
                Arguments.of("expired beyond the clock skew", (Refused) () -> token(valid().andThen(c -> c
                        .issueTime(Date.from(Instant.now().minusSeconds(7200)))
                        .expirationTime(Date.from(Instant.now().minusSeconds(3600)))))),
                Arguments.of("wrong iss", (Refused) () -> token(valid().andThen(c -> c.issuer("https://evil.example")))),
                Arguments.of("no iss", (Refused) () -> token(valid().andThen(c -> c.issuer(null)))),
                Arguments.of("wrong aud", (Refused) () -> token(valid().andThen(c -> c.audience("another-app")))),
                Arguments.of("no aud", (Refused) () -> token(valid().andThen(c -> c.audience((String) null)))),
                Arguments.of("wrong key", (Refused) () -> {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048);
                    return sign(generator.generateKeyPair().getPrivate(), valid());
                }),
                Arguments.of("alg none", (Refused) () -> new PlainJWT(claims(valid())).serialize()),
                Arguments.of("unknown agency", (Refused) () -> token(valid().andThen(c -> c.claim("agency", "no-such")))),
                Arguments.of("no agency", (Refused) () -> token(valid().andThen(c -> c.claim("agency", null)))));
    }

    @FunctionalInterface
    interface Refused {
        String token() throws Exception;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void aTokenThatIsNotExactlyRightIs401(String why, Refused refused) throws Exception {
        assertInvalidToken(get(refused.token()));
    }

    @Test
    void theTableRefusesOnlyWhatItChanges() throws Exception {
        // Without this, a table of 401s would pass against a server that refuses every token.
        assertThat(get(token(valid())).statusCode()).isEqualTo(200);
    }

    private static Consumer<JWTClaimsSet.Builder> valid() {
        return c -> c.subject("staff-1").claim("agency", AGENCY).claim("roles", List.of("CASEWORKER"));
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

    private static JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> claims) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer("https://idp.test.invalid")
                .audience("kasane")
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(600)));
        claims.accept(builder);
        return builder.build();
    }

    private static String sign(PrivateKey key, Consumer<JWTClaimsSet.Builder> claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
                claims(claims));
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
