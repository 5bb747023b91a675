package jp.kasane.api.security;

import jakarta.servlet.Filter;
import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.api.web.support.FirewallCharacters;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.test.util.ReflectionTestUtils;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which requests the security chain lets through, and that it does so without looking up Spring MVC's controller
 * method first ({@link MvcLookupCacheFilterRemoval}): the access rules are PathPattern matchers, so the answers below
 * must not change whether or not Spring MVC is asked.
 */
@KasaneIntegrationTest
class SecurityChainTest {

    static final String CASEWORKER = "demo-houkatsu-north";
    static final String ADMIN = "demo-admin";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("springSecurityFilterChain")
    Filter springSecurityFilterChain;

    @Test
    void the_public_endpoints_answer_without_a_credential() throws Exception {
        for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/info",
                "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs.yaml", "/swagger-ui/index.html")) {
            assertThat(get(path, null).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void everything_else_needs_a_credential_including_paths_no_controller_has() throws Exception {
        for (String path : List.of("/api/v1/agencies", "/api/v1/agencies/", "/api/v1/cases/x", "/actuator/metrics",
                "/actuator/metrics/jvm.memory.used", "/nothing-here", "/")) {
            HttpResponse<String> answer = get(path, null);
            assertThat(answer.statusCode()).as(path).isEqualTo(401);
            assertThat(answer.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
        }
    }

    @Test
    void the_operators_endpoints_are_for_the_administrator_only() throws Exception {
        assertThat(get("/actuator/metrics", CASEWORKER).statusCode()).isEqualTo(403);
        assertThat(get("/actuator/metrics/jvm.memory.used", CASEWORKER).statusCode()).isEqualTo(403);
        assertThat(get("/actuator/metrics", ADMIN).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/agencies", CASEWORKER).statusCode()).isEqualTo(200);
    }

    @Test
    void the_chain_does_not_look_up_the_controller_method_before_security_runs() {
        List<String> filters = reached().stream().map(f -> f.getClass().getName()).toList();

        assertThat(filters).as("the chain as built by Spring Security, unwrapped")
                .anyMatch(name -> name.contains("ServletRequestPathFilter"))
                .anyMatch(name -> name.contains("BearerTokenAuthenticationFilter"));
        assertThat(filters).as("Spring MVC's HandlerMappingIntrospector cache filter")
                .noneMatch(name -> name.contains("HandlerMappingIntrospector"));
    }

    @Test
    void no_filter_is_wrapped_in_an_observation() {
        assertThat(chains()).as("Spring Security's chains").isNotEmpty()
                .allSatisfy(chain -> assertThat(ReflectionTestUtils.getField(chain, "filterChainDecorator"))
                        .isInstanceOf(FilterChainProxy.VirtualFilterChainDecorator.class));
    }

    @Test
    void the_firewall_checks_header_characters_without_a_regular_expression() {
        assertThat(chains()).as("Spring Security's chains").isNotEmpty()
                .allSatisfy(chain -> assertThat(ReflectionTestUtils.getField(
                        ReflectionTestUtils.getField(chain, "firewall"), "allowedHeaderValues"))
                        .isSameAs(FirewallCharacters.HEADER_VALUES));
    }

    /** Spring Security's own chain proxies, inside its composite wrappers. */
    private List<FilterChainProxy> chains() {
        return reached().stream().filter(f -> f.getClass() == FilterChainProxy.class)
                .map(FilterChainProxy.class::cast).toList();
    }

    /** Every filter a request passes, the wrappers included. */
    private List<Filter> reached() {
        List<Filter> reached = new ArrayList<>();
        collect(springSecurityFilterChain, reached);
        return reached;
    }

    private static void collect(Filter filter, List<Filter> reached) {
        reached.add(filter);
        if (filter instanceof FilterChainProxy proxy) {
            if (proxy.getClass() != FilterChainProxy.class) {
                // Spring Security's CompositeFilterChainProxy: a composite of filters around the original chain.
                Object delegate = ReflectionTestUtils.getField(proxy, "doFilterDelegate");
                @SuppressWarnings("unchecked")
                List<Filter> inner = (List<Filter>) ReflectionTestUtils.getField(delegate, "filters");
                inner.forEach(f -> collect(f, reached));
            } else {
                proxy.getFilterChains().forEach(chain -> chain.getFilters().forEach(f -> collect(f, reached)));
            }
        }
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
