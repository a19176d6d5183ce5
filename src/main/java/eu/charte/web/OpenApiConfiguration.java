package eu.charte.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of Charte's REST API, served (public) at {@code /v3/api-docs}. Only {@code /api/**} is
 * described: pages and forms are not an API.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI charteOpenApi() {
        return new OpenAPI().info(new Info()
                .title("Charte API")
                .version("v1")
                .description("""
                        Portals, accounts and each portal's cookie registry: declarations, known-cookie suggestions \
                        and published revisions of the "Charte cookies". Authenticate with a session (sign in, then \
                        send the csrftoken cookie's value as X-CSRFToken on writes) or with a personal API token \
                        (Authorization: Bearer). Members of a portal read its data; its administrators write. Errors \
                        are RFC 9457 problem documents."""));
    }

    @Bean
    OpenApiCustomizer apiPathsOnly() {
        return openApi -> {
            if (openApi.getPaths() != null) {
                openApi.getPaths().keySet().removeIf(path -> !path.startsWith("/api/"));
            }
        };
    }
}
