package org.moderation.bi.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

import org.moderation.bi.engine.plan.PreAggregations;

/**
 * One read-only view of the read model: a REPEATABLE READ transaction whose first statement read the read model's
 * version, and the version of the last change to the months of the window it was opened for. Everything computed
 * through it is of that version.
 */
public final class Snapshot {

    private final Connection connection;
    private final Versions versions;
    private final PreAggregations preAggregations;

    Snapshot(Connection connection, Versions versions, PreAggregations preAggregations) {
        this.connection = connection;
        this.versions = versions;
        this.preAggregations = preAggregations;
    }

    public Connection connection() {
        return connection;
    }

    /** The pre-aggregations the read model declares, as its service first read them. */
    PreAggregations preAggregations() {
        return preAggregations;
    }

    /** Null when the read model has no version row (a schema without data yet). */
    public ReadModelVersion version() {
        return versions.version();
    }

    /**
     * The read-model version of the last change to the facts of any UTC month the snapshot's window touches (0: none
     * since the months were first counted). An answer over that window stays exact for as long as this stays: what
     * an answer is kept under.
     */
    public long dataVersion() {
        return versions.dataVersion();
    }

    /** Both versions, as {@link Snapshots#versions} would have read them when this snapshot began. */
    public Versions versions() {
        return versions;
    }

    /** Per community and UTC month of [from, to): the version of the last change to their facts, in this snapshot. */
    public PartitionVersions partitions(Instant from, Instant to) throws SQLException {
        return PartitionVersions.read(this, from, to);
    }
}
