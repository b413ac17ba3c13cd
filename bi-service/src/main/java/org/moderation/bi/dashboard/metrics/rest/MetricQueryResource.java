package org.moderation.bi.dashboard.metrics.rest;

import java.sql.SQLException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.moderation.bi.dashboard.metrics.MetricQueryService;
import org.moderation.bi.dashboard.scope.ScopeResolver;
import org.moderation.bi.shared.metrics.MetricQueryRequest;
import org.moderation.bi.shared.metrics.MetricQueryResult;
import org.moderation.bi.shared.security.Roles;

import io.quarkus.security.identity.SecurityIdentity;

@Path("/api/v1/metrics/{key}/query")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPERADMIN, Roles.COMMUNITY_MANAGER})
@Tag(name = "Catalog metrics")
public class MetricQueryResource {

    private final MetricQueryService metrics;
    private final ScopeResolver scopes;
    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public MetricQueryResource(MetricQueryService metrics, ScopeResolver scopes, SecurityIdentity identity,
            JsonWebToken token) {
        this.metrics = metrics;
        this.scopes = scopes;
        this.identity = identity;
        this.token = token;
    }

    @POST
    @Operation(summary = "Compute a catalog metric within the caller's scope",
            description = "Uses the latest published version unless a version is named (drafts and deprecated "
                    + "versions: superadmins only). The answer names the definition, its hash, the read model's "
                    + "version and the time of its last change, and the scope applied. With compare (previous: the same "
                    + "length just before; year: a year earlier) and no granularity, each row also has its value over "
                    + "that window as previous, computed in the same snapshot: for a top N, of the groups shown "
                    + "(a count a group did not have there is 0; an immature row is not compared).")
    @APIResponse(responseCode = "200", description = "The rows and their provenance")
    @APIResponse(responseCode = "400", description = "An invalid query (every problem with its JSON path), a community that does not exist, or too large an answer")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "No dashboard role, a community outside the scope, or an unpublished version")
    @APIResponse(responseCode = "404", description = "No such metric or version")
    @APIResponse(responseCode = "503", description = "The catalog is down (and the metric was not seen before) or the query timed out")
    public MetricQueryResult query(@Parameter(description = "A published catalog metric's key", example = "removal_rate") @PathParam("key") String key, MetricQueryRequest request) throws SQLException {
        var scope = scopes.resolve(request == null ? null : MetricQueryService.namedCommunities(request));
        return metrics.query(key, request, scope, identity.hasRole(Roles.SUPERADMIN), "Bearer " + token.getRawToken());
    }
}
