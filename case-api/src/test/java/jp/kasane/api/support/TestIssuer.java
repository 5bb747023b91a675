package jp.kasane.api.support;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A local identity provider for the end-to-end tests: {@code GET /jwks} serves its public key set, and
 * {@code POST /token} (form {@code sub}, {@code agency}, {@code roles} comma-separated) issues a signed JWT for
 * {@link #AUDIENCE}, valid five minutes, as a city's provider would after a staff member logs in.
 */
public final class TestIssuer implements AutoCloseable {

    public static final String AUDIENCE = "kasane";

    private final RSAKey key;
    private final HttpServer server;

    public TestIssuer() throws Exception {
        this.key = new RSAKeyGenerator(2048).keyID("test-" + System.nanoTime()).keyUse(KeyUse.SIGNATURE).generate();
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks", exchange -> answer(exchange, 200,
                new JWKSet(key.toPublicJWK()).toString()));
        server.createContext("/token", this::token);
        server.start();
    }

    /** The {@code iss} of its tokens (also its base URL). */
    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String jwkSetUri() {
        return issuer() + "/jwks";
    }

    private void token(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            answer(exchange, 405, "{\"error\":\"method\"}");
            return;
        }
        Map<String, String> form = new HashMap<>();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) {
                form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(issuer())
                    .audience(AUDIENCE)
                    .subject(form.get("sub"))
                    .claim("agency", form.get("agency"))
                    .claim("roles", List.of(form.getOrDefault("roles", "").split(",")))
                    .issueTime(new Date())
                    .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            answer(exchange, 200, "{\"access_token\":\"" + jwt.serialize()
                    + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
        } catch (Exception e) {
            answer(exchange, 500, "{\"error\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) {
        try (exchange) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    @Override
    public String toString() {
        return "TestIssuer" + Arrays.asList(issuer());
    }
}
