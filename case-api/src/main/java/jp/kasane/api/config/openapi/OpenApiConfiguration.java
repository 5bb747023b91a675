package jp.kasane.api.config.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's title and its one security scheme, {@code bearer}. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    public static final String BEARER = "bearer";

    @Bean
    OpenAPI kasaneOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Kasane partner-agency API")
                        .version("v1")
                        .description("""
                                The system of record for a municipality's multi-layered support system (重層的支援体制整備事業): \
                                cases, consultations, consent, referrals, meetings and plans, shared between partner agencies.

                                Every /api call needs `Authorization: Bearer <credential>`. In production the credential is a \
                                JWT of the municipality's identity provider with claims `agency` (a registry agency id), \
                                `roles` (CASEWORKER, COORDINATOR, AUDITOR, ANALYST, ADMIN) and `sub` (the staff member). \
                                A demo server (embedded database, demo keys on) instead accepts fixed demo API keys such as \
                                `demo-houkatsu-north` (CASEWORKER), `demo-coordinator` (CASEWORKER, COORDINATOR), \
                                `demo-auditor`, `demo-analyst` and `demo-admin`; its start-up log lists them all, and the \
                                optional `Kasane-Actor` header names the staff member. Demo keys are refused in production.

                                Errors are application/problem+json (RFC 9457) with a stable `code`."""))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("A JWT of the municipality's identity provider, or a demo API key on a demo server")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
