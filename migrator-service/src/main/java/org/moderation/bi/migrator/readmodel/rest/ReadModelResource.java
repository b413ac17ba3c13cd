package org.moderation.bi.migrator.readmodel.rest;

import java.sql.SQLException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.moderation.bi.migrator.readmodel.ReadModelService;
import org.moderation.bi.shared.api.migration.RebuildView;
import org.moderation.bi.shared.security.Roles;

@Path("/api/v1/read-model/refresh")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SUPERADMIN)
@Tag(name = "Read model")
public class ReadModelResource {

    private final ReadModelService readModel;

    public ReadModelResource(ReadModelService readModel) {
        this.readModel = readModel;
    }

    @POST
    @Operation(summary = "Rebuild mv_submission_facts and its rollups from the rules",
            description = "Runs keep the read model current chunk by chunk; this recomputes all of it and applies the "
                    + "differences, for schema changes and repair. Dashboards keep reading while it runs.")
    @APIResponse(responseCode = "200", description = "When the rebuild ran, how long it took and how many rows differed")
    @APIResponse(responseCode = "409", description = "A migration run is in progress")
    public RebuildView rebuild() throws SQLException {
        return readModel.rebuild();
    }
}
