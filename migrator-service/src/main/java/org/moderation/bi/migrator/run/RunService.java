package org.moderation.bi.migrator.run;

import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import org.moderation.bi.shared.api.migration.RunView;

/** Starts runs for the admin API: recorded before the answer, loaded in the background. */
@ApplicationScoped
public class RunService {

    private static final Logger LOG = Logger.getLogger(RunService.class);

    private final MigrationRunner runner;
    private final RunQueries queries;
    private final ManagedExecutor executor;

    public RunService(MigrationRunner runner, RunQueries queries, ManagedExecutor executor) {
        this.runner = runner;
        this.queries = queries;
        this.executor = executor;
    }

    /** @throws org.moderation.bi.migrator.persistence.RunInProgress when another run holds the migration lock */
    public RunView start(RunKind kind, boolean allowMassDelete) throws SQLException {
        MigrationRunner.StartedRun started = runner.begin(kind, allowMassDelete);
        executor.runAsync(() -> {
            try {
                runner.complete(started);
            } catch (SQLException | RuntimeException e) {
                LOG.errorf("run %d failed: %s", started.runId(), e.getMessage());
            }
        });
        return queries.find(started.runId()).orElseThrow();
    }
}
