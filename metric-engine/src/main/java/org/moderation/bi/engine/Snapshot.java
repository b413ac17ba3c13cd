package org.moderation.bi.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.moderation.bi.engine.plan.PreAggregations;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.SeenValues;

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

    /** The snapshot's transaction: for the engine's own statements only, never handed to a service. */
    Connection connection() {
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

    /** The slugs of the communities whose facts changed after read-model version {@code version} (null: none). */
    public List<String> communitiesChangedSince(long version) throws SQLException {
        return PartitionVersions.communitiesChangedSince(this, version);
    }

    /** Every community's name by its slug. */
    public Map<String, String> communityNames() throws SQLException {
        return CommunityNames.read(this);
    }

    /** How the migrator says it keeps the read model current; {@link ReadModelFeed#UNKNOWN} before it ever said. */
    public ReadModelFeed feed() throws SQLException {
        return ReadModelFeed.read(this);
    }

    /** As {@link SeenValues#unseen}: the values of {@code column} no submission has had yet, with the closest seen. */
    public Map<String, List<String>> unseen(Column column, Collection<String> values) throws SQLException {
        return SeenValuesLookup.unseen(this, column, values);
    }

    /** The live submissions of these legacy posts (the legacy ids of their posts), in no order. */
    public List<Long> submissionsOfLegacyPosts(Collection<Long> legacyIds) throws SQLException {
        try (var statement = connection.prepareStatement(
                "SELECT submission_id FROM mv_submission_facts WHERE legacy_id = ANY (?)")) {
            statement.setArray(1, connection.createArrayOf("int8", legacyIds.toArray()));
            var submissions = new ArrayList<Long>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    submissions.add(rows.getLong(1));
                }
            }
            return submissions;
        }
    }

    /** One live submission of {@code scope} with the values behind its numbers; empty when there is none. */
    public Optional<SubmissionRecord> submission(long submissionId, Scope scope) throws SQLException {
        return SubmissionRecord.read(this, submissionId, scope);
    }
}
