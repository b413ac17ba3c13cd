package org.moderation.bi.dashboard.live.rest;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;

import org.moderation.bi.dashboard.live.LiveUpdates;
import org.moderation.bi.dashboard.rest.WindowParameters;
import org.moderation.bi.dashboard.scope.ScopeResolver;
import org.moderation.bi.shared.api.dashboard.LiveEvent;
import org.moderation.bi.shared.security.Roles;

@Path("/api/v1/read-model/events")
@RolesAllowed({Roles.SUPERADMIN, Roles.COMMUNITY_MANAGER})
@Tag(name = "Overview")
public class ReadModelEventsResource {

    private final LiveUpdates live;
    private final ScopeResolver scopes;
    private final SecurityIdentity identity;

    public ReadModelEventsResource(LiveUpdates live, ScopeResolver scopes, SecurityIdentity identity) {
        this.live = live;
        this.scopes = scopes;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Listen for changes of the read model (Server-Sent Events), to refresh the numbers in view",
            description = "Events (data: a LiveEvent as JSON): ready, with the version listening starts from; changed, "
                    + "when the read model changed in the caller's scope (which communities); feed, every 15 s: "
                    + "whether changes stream in live or are polled. Listening ends at 'until' (10 minutes, or the "
                    + "token's expiry): listen again then.")
    @APIResponse(responseCode = "200", description = "The events", content = @Content(
            mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = LiveEvent.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "No dashboard role")
    @APIResponse(responseCode = "429", description = "The caller listens on as many pages as one may")
    @APIResponse(responseCode = "503", description = "The service has as many listeners as it may")
    public Multi<OutboundSseEvent> listen(@Context UriInfo uri, @Context Sse sse) throws SQLException {
        WindowParameters.onlyKnown(uri.getQueryParameters(), Set.of());
        Instant expiry = identity.getPrincipal() instanceof JsonWebToken token && token.getExpirationTime() > 0
                ? Instant.ofEpochSecond(token.getExpirationTime()) : null;
        return live.listen(identity.getPrincipal().getName(), scopes.resolve(List.of()), expiry, sse);
    }
}
