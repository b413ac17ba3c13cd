package org.moderation.bi.dashboard.studio.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.moderation.bi.dashboard.studio.config.StudioConfig;
import org.moderation.bi.shared.api.dashboard.StudioSettings;

/** The page's login settings: public by nature (the page needs them to log in), and nothing secret. */
@Path("/dashboard/config.json")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "Dashboard page")
public class StudioSettingsResource {

    private final StudioConfig config;

    public StudioSettingsResource(StudioConfig config) {
        this.config = config;
    }

    @GET
    @Operation(summary = "Where the dashboard page logs in (issuer) and as which public client")
    public StudioSettings get() {
        return new StudioSettings(config.issuer(), config.clientId());
    }
}
