package jp.kasane.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import jp.kasane.api.agency.JdbcAgencyDirectory;
import jp.kasane.api.web.support.FirewallCharacters;
import jp.kasane.core.agency.AgencyDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Stateless bearer authentication for the API (docs/security.md): demo API keys and/or JWTs of the
 * municipality's identity provider, both through Spring Security's resource-server filter; 401/403 as
 * problem+json; method security for {@code @PreAuthorize("hasRole('…')")}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /** Endpoints open without a credential. */
    static final String[] PUBLIC = {
            "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
            "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**",
            "/error"
    };

    /**
     * Request matchers on Spring's {@code PathPattern}s (Spring Security 7's default) rather than Spring MVC's handler
     * mappings: matching a path no longer looks up the controller method, which the DispatcherServlet does anyway.
     */
    @Bean
    static PathPatternRequestMatcherBuilderFactoryBean requestMatcherBuilder() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    /** Drops the controller-method lookup Spring Security 6.5 runs before the chain for MVC matchers we do not use. */
    @Bean
    static MvcLookupCacheFilterRemoval mvcLookupCacheFilterRemoval() {
        return new MvcLookupCacheFilterRemoval();
    }

    /**
     * Spring Security observes nothing: without this it wraps every filter, authentication and authorization in an
     * observation whenever an observation registry exists, and {@code management.observations.enable.spring.security:
     * false} only made those observations no-ops after they were built (~2.4 % of a consultation's request CPU left;
     * docs/benchmarks.md). Each request is still observed as a whole ({@code http.server.requests}).
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring Security's firewall, its character rule for headers checked without a regular expression per read. */
    @Bean
    static StrictHttpFirewall httpFirewall() {
        return FirewallCharacters.firewall();
    }

    /** Refuses a forbidden demo-keys setting before any other bean (and so the database) is created. */
    @Bean
    static DemoKeysStartupGuard demoKeysStartupGuard() {
        return new DemoKeysStartupGuard();
    }

    @Bean
    @Conditional(DemoKeysEnabledCondition.class)
    DemoMunicipality demoMunicipality(ObjectMapper objectMapper) {
        return DemoMunicipality.load(objectMapper);
    }

    @Bean
    @Conditional(DemoKeysEnabledCondition.class)
    DemoApiKeys demoApiKeys(DemoMunicipality municipality) {
        return new DemoApiKeys(municipality);
    }

    @Bean
    @Conditional(DemoKeysEnabledCondition.class)
    DemoMunicipalitySeeder demoMunicipalitySeeder(DemoMunicipality municipality, JdbcAgencyDirectory directory) {
        return new DemoMunicipalitySeeder(municipality, directory);
    }

    @Bean
    KasaneAuthenticationManagerResolver kasaneAuthenticationManagerResolver(
            ObjectProvider<DemoApiKeys> demoApiKeys, ObjectProvider<JwtDecoder> jwtDecoder, AgencyDirectory agencies) {
        JwtAuthenticationProvider jwt = null;
        JwtDecoder decoder = jwtDecoder.getIfAvailable();
        if (decoder != null) {
            jwt = new JwtAuthenticationProvider(decoder);
            jwt.setJwtAuthenticationConverter(new CallerJwtAuthenticationConverter(agencies));
        }
        KasaneAuthenticationManagerResolver resolver =
                new KasaneAuthenticationManagerResolver(demoApiKeys.getIfAvailable(), jwt);
        if (!resolver.demoKeysEnabled() && !resolver.jwtEnabled()) {
            log.warn("No authentication is configured: demo API keys are off and no "
                    + "spring.security.oauth2.resourceserver.jwt.issuer-uri / jwk-set-uri / public-key-location is "
                    + "set, so every API call will be answered 401. See docs/security.md.");
        } else {
            log.info("Bearer authentication: demo API keys {}, JWT {}",
                    resolver.demoKeysEnabled() ? "on" : "off", resolver.jwtEnabled() ? "on" : "off");
        }
        return resolver;
    }

    @Bean
    ProblemAuthenticationEntryPoint problemAuthenticationEntryPoint(ObjectMapper objectMapper) {
        return new ProblemAuthenticationEntryPoint(objectMapper);
    }

    @Bean
    ProblemAccessDeniedHandler problemAccessDeniedHandler(ObjectMapper objectMapper) {
        return new ProblemAccessDeniedHandler(objectMapper);
    }

    @Bean
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, KasaneAuthenticationManagerResolver resolver,
                                               ProblemAuthenticationEntryPoint entryPoint,
                                               ProblemAccessDeniedHandler accessDenied) throws Exception {
        http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(PUBLIC).permitAll()
                        .requestMatchers("/api/**").authenticated()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .authenticationManagerResolver(resolver)
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied));
        return http.build();
    }
}
