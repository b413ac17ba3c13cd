package org.moderation.bi.migrator.load;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.moderation.bi.migrator.run.RunRepository;

/** What one run will load, decided before the run is recorded, and the loading itself. */
interface PlannedLoad {

    /** The start of the legacy window this run covers; null for a full load, which covers everything. */
    OffsetDateTime windowFrom();

    Optional<RunRepository.Resumable> resumed();

    /** How many legacy posts the run expects to look at: the denominator of its progress. */
    long postsTotal();

    /** @return whether the target changed, so the read model needs a refresh */
    boolean load(long runId, RunProgress progress) throws SQLException;
}
