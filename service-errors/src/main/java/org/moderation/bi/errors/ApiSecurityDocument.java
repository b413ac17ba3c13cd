package org.moderation.bi.errors;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.security.OAuthFlow;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The OpenAPI document's security, the same on every service: one OAuth 2 scheme with the two flows its callers can
 * use (a person: authorization code, with PKCE as Swagger UI is configured; a machine: client credentials), its URLs
 * from the identity provider the service is configured with at runtime; and every operation under {@code /api/}
 * declares it, because every one of them needs a role (deny by default). Without the declaration Swagger UI sends no
 * token, and an admin who logged in meets 401 {@code missing_token}. {@code ApiSecurityContract} (test-support) checks
 * the declarations against what each operation answers without a token.
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUN)
public class ApiSecurityDocument implements OASFilter {

    /** The scheme's name: the one every operation's requirement names. */
    public static final String SCHEME = "keycloak";
    private static final String API = "/api/";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Config config = ConfigProvider.getConfig();
        Optional<String> issuer = config.getOptionalValue("quarkus.oidc.auth-server-url", String.class)
                .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        String authorizationUrl = config.getOptionalValue("moderation.openapi.authorization-url", String.class)
                .or(() -> issuer.map(url -> url + "/protocol/openid-connect/auth")).orElse(null);
        String tokenUrl = config.getOptionalValue("moderation.openapi.token-url", String.class)
                .or(() -> issuer.map(url -> url + "/protocol/openid-connect/token")).orElse(null);
        SecurityScheme scheme = OASFactory.createSecurityScheme().type(SecurityScheme.Type.OAUTH2)
                .description("Tokens of the identity provider. People: authorization code with PKCE, client_id "
                        + "moderation-dashboard (a public client), scope openid. Machines: client credentials of "
                        + "their own confidential client.")
                .flows(OASFactory.createOAuthFlows()
                        .authorizationCode(flow(authorizationUrl, tokenUrl)
                                .scopes(Map.of("openid", "who you are, with your roles and communities")))
                        .clientCredentials(flow(null, tokenUrl).scopes(Map.of())));
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().setSecuritySchemes(Map.of(SCHEME, scheme));
        openAPI.setSecurity(null);
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith(API)) {
                item.getOperations().values().forEach(ApiSecurityDocument::requireScheme);
            }
        });
    }

    private static OAuthFlow flow(String authorizationUrl, String tokenUrl) {
        return OASFactory.createOAuthFlow().authorizationUrl(authorizationUrl).tokenUrl(tokenUrl);
    }

    private static void requireScheme(Operation operation) {
        SecurityRequirement requirement = OASFactory.createSecurityRequirement().addScheme(SCHEME);
        operation.setSecurity(List.of(requirement));
    }
}
