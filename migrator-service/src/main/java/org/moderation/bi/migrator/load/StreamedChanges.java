package org.moderation.bi.migrator.load;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;

import org.moderation.bi.migrator.config.MigratorConfig;
import org.moderation.bi.migrator.legacy.LegacyContentVersions;
import org.moderation.bi.migrator.legacy.LegacySnapshot;
import org.moderation.bi.migrator.persistence.ChunkCounts;
import org.moderation.bi.migrator.persistence.StreamLedger;
import org.moderation.bi.migrator.persistence.TargetContentVersions;

/**
 * Applies a batch of the stream (one or more whole legacy transactions, or a chunk of one too large for a chunk)
 * through the same chunk step as a delta: the posts the changes name are read again from one legacy snapshot and
 * written if their version differs, posts the changes deleted and the snapshot confirms gone are soft-deleted, and
 * the stream's new position is written, all in one target transaction. The caller holds the write lock from before
 * the legacy read until the commit. Deletions pass the same guard as a run's: above its share of live submissions
 * or reports since the last completed run, nothing of the batch is written and the stream pauses.
 */
@ApplicationScoped
public class StreamedChanges {

    /**
     * What a batch names: posts to write (as the changes left them), posts it deleted, the reports it touched (report
     * id → whether it was deleted), whether communities or users changed; and where the stream stands once it is
     * applied.
     */
    public record Batch(Collection<Long> posts, Collection<Long> deletedPosts, Map<Long, Boolean> reports,
            boolean referenceData, StreamLedger.Position after, Instant lastCommitAt,
            List<StreamLedger.Applied> applied) {
    }

    /** The deletion guard refused the batch's deletions; nothing of it was written. */
    public static class MassDeletionPaused extends RuntimeException {
        public MassDeletionPaused(String reason) {
            super(reason);
        }
    }

    private final ChunkStep step;
    private final ChunkCommitter committer;
    private final ReferenceDataSync references;
    private final StreamLedger ledger;
    private final TargetContentVersions targetVersions;
    private final LegacyContentVersions legacyVersions;
    private final AgroalDataSource target;
    private final AgroalDataSource legacy;
    private final MigratorConfig config;

    public StreamedChanges(ChunkStep step, ChunkCommitter committer, ReferenceDataSync references,
            StreamLedger ledger, TargetContentVersions targetVersions, LegacyContentVersions legacyVersions,
            AgroalDataSource target, @DataSource("legacy") AgroalDataSource legacy, MigratorConfig config) {
        this.step = step;
        this.committer = committer;
        this.references = references;
        this.ledger = ledger;
        this.targetVersions = targetVersions;
        this.legacyVersions = legacyVersions;
        this.target = target;
        this.legacy = legacy;
        this.config = config;
    }

    /**
     * @param sessionRunId the stream session's run, which counts what the batch wrote
     * @throws MassDeletionPaused when the guard refused its deletions and no operator allowed them
     */
    public ChunkCounts apply(long sessionRunId, Batch batch) throws SQLException {
        // A report's post before the change (it was deleted, or moved to another post) is the one the target holds.
        Map<Long, Long> reportPosts = postsOfReports(batch.reports().keySet());
        var ids = new TreeSet<>(batch.posts());
        ids.addAll(reportPosts.values());
        if (batch.referenceData()) {
            references.load(sessionRunId);
        }
        try (LegacySnapshot snapshot = LegacySnapshot.open(legacy)) {
            ChunkStep.Read read = step.read(sessionRunId, snapshot, List.copyOf(ids));
            var gone = new TreeSet<Long>(batch.deletedPosts());
            gone.retainAll(read.notFound());
            long reportsGone = reportPosts.entrySet().stream().filter(report -> batch.reports().get(report.getKey()))
                    .filter(report -> !gone.contains(report.getValue())).count();
            guard(gone.size(), reportsGone, snapshot);
            return step.write(sessionRunId, read, true, connection -> {
                ChunkCounts deleted = committer.softDelete(connection, List.copyOf(gone));
                ledger.advance(connection, batch.after(), batch.lastCommitAt(), batch.applied(),
                        deleted.softDeleted(), reportsGone);
                return deleted;
            }).counts();
        }
    }

    /** The legacy post the target holds each of these reports under; a report it does not hold yet has none. */
    private Map<Long, Long> postsOfReports(Collection<Long> reports) throws SQLException {
        var posts = new HashMap<Long, Long>();
        if (reports.isEmpty()) {
            return posts;
        }
        try (Connection connection = target.getConnection(); var statement = connection.prepareStatement("""
                SELECT r.legacy_id, s.legacy_id FROM reports r JOIN submissions s ON s.id = r.submission_id
                WHERE r.legacy_id = ANY (?) AND r.deleted_at IS NULL""")) {
            statement.setArray(1, connection.createArrayOf("int8", reports.toArray()));
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    posts.put(rows.getLong(1), rows.getLong(2));
                }
            }
        }
        return posts;
    }

    private void guard(long submissionsGone, long reportsGone, LegacySnapshot snapshot) throws SQLException {
        if (submissionsGone + reportsGone == 0) {
            return;
        }
        StreamLedger.State state = ledger.state().orElseThrow();
        long liveSubmissions;
        long liveReports;
        try (Connection connection = target.getConnection()) {
            liveSubmissions = targetVersions.liveSubmissions(connection);
            liveReports = targetVersions.liveReports(connection);
        }
        var deletions = new DeletionGuard.Deletions(state.deletionsSinceRun() + submissionsGone, liveSubmissions,
                state.reportsGoneSinceRun() + reportsGone, liveReports, legacyVersions.hasPosts(snapshot),
                snapshot.database());
        Optional<String> refusal = new DeletionGuard(config.deletionGuard().maxShare()).beforeDeleting(deletions);
        if (refusal.isPresent() && !state.massDeleteAllowed()) {
            throw new MassDeletionPaused("the stream would soft-delete more than a run may since the last completed "
                    + "run: " + refusal.get() + ". Check which legacy database the migrator reads; if this really is "
                    + "a clean-up, resume the stream with --allow-mass-delete (migrator stream resume "
                    + "--allow-mass-delete, or POST /api/v1/stream/resume {\"allowMassDelete\": true})");
        }
    }
}
