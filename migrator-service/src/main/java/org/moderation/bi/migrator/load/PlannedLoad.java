package org.moderation.bi.migrator.load;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;

import org.moderation.bi.migrator.legacy.LegacySnapshot;
import org.moderation.bi.migrator.persistence.RunLedger;

/** What one run will load before it reconciles, decided before the run is recorded, and the loading itself. */
public interface PlannedLoad {

    /** A run that only reconciles (and, for an audit, checks everything). */
    PlannedLoad NOTHING = new PlannedLoad() {
        @Override
        public OffsetDateTime windowFrom() {
            return null;
        }

        @Override
        public Optional<RunLedger.Resumable> resumed() {
            return Optional.empty();
        }

        @Override
        public long postsTotal() {
            return 0;
        }

        @Override
        public Set<Long> load(long runId, LegacySnapshot snapshot, RunProgress progress) {
            return Set.of();
        }
    };

    /** The start of the legacy window this run covers; null when it covers everything. */
    OffsetDateTime windowFrom();

    Optional<RunLedger.Resumable> resumed();

    /** How many legacy posts the run expects to look at: the denominator of its progress. */
    long postsTotal();

    /**
     * Whether this load reads through the run's legacy snapshot (a delta's few posts), or reads on its own before
     * the snapshot is taken (a full load's pages, for minutes: the snapshot that reconciles them must be later).
     */
    default boolean readsThroughSnapshot() {
        return true;
    }

    /** A bulk load: it leaves the read model alone, and the run builds it once when the load has written its rows. */
    default boolean bulk() {
        return false;
    }

    /**
     * @param snapshot the run's legacy snapshot; null for a load that reads on its own
     * @return legacy posts it asked for and did not find, for the reconciliation to verify before any deletion
     */
    Set<Long> load(long runId, LegacySnapshot snapshot, RunProgress progress) throws SQLException;
}
