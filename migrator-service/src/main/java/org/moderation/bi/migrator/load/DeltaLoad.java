package org.moderation.bi.migrator.load;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;

import org.moderation.bi.migrator.config.MigratorConfig;
import org.moderation.bi.migrator.legacy.ChangedPosts;
import org.moderation.bi.migrator.legacy.LegacyPostReader;
import org.moderation.bi.migrator.legacy.LegacyPostWithReports;
import org.moderation.bi.migrator.persistence.QuarantineRepository;
import org.moderation.bi.migrator.persistence.TargetVersions;
import org.moderation.bi.migrator.run.RunRepository;
import org.moderation.bi.migrator.transform.BundleTransformer;
import org.moderation.bi.migrator.transform.TransformResult;

/**
 * A delta: the legacy posts changed since the last completed load's watermark, re-reading an overlap so a row
 * committed late with an older updated_at is still caught; then a sweep for hard deletes. Upserts keyed on legacy
 * ids make the overlap harmless, and only posts whose version differs from the target's are rewritten. A delta
 * that dies is not resumed: the next one starts again from the last completed watermark.
 */
@ApplicationScoped
public class DeltaLoad {

    private static final Logger LOG = Logger.getLogger(DeltaLoad.class);

    private final RunRepository runs;
    private final AgroalDataSource target;
    private final QuarantineRepository quarantine;
    private final ChangedPosts changedPosts;
    private final LegacyPostReader postReader;
    private final TargetVersions versions;
    private final ChunkCommitter committer;
    private final DeletionSweep deletionSweep;
    private final ReferenceDataSync references;
    private final Event<ChunkCommitted> chunkCommitted;
    private final MigratorConfig config;

    public DeltaLoad(RunRepository runs, AgroalDataSource target, QuarantineRepository quarantine,
            ChangedPosts changedPosts, LegacyPostReader postReader, TargetVersions versions, ChunkCommitter committer,
            DeletionSweep deletionSweep, ReferenceDataSync references, Event<ChunkCommitted> chunkCommitted,
            MigratorConfig config) {
        this.runs = runs;
        this.target = target;
        this.quarantine = quarantine;
        this.changedPosts = changedPosts;
        this.postReader = postReader;
        this.versions = versions;
        this.committer = committer;
        this.deletionSweep = deletionSweep;
        this.references = references;
        this.chunkCommitted = chunkCommitted;
        this.config = config;
    }

    PlannedLoad plan() throws SQLException {
        OffsetDateTime watermark = runs.lastLoadedWatermark().orElseThrow(NoCompletedLoad::new);
        OffsetDateTime from = watermark.minus(config.delta().overlap());
        long[] changed;
        try (Connection connection = target.getConnection()) {
            changed = changedPosts.since(from, versions.highestKnownLegacyId(connection),
                    quarantine.quarantinedLegacyIds(connection));
        }
        return new PlannedLoad() {
            @Override
            public OffsetDateTime windowFrom() {
                return from;
            }

            @Override
            public Optional<RunRepository.Resumable> resumed() {
                return Optional.empty();
            }

            @Override
            public long postsTotal() {
                return changed.length;
            }

            @Override
            public boolean load(long runId, RunProgress progress) throws SQLException {
                return loadChanged(runId, changed, progress);
            }
        };
    }

    private boolean loadChanged(long runId, long[] ids, RunProgress progress) throws SQLException {
        boolean targetChanged = false;
        int chunkSize = config.chunkSize();
        for (int start = 0; start < ids.length; start += chunkSize) {
            List<Long> asked = new ArrayList<>();
            for (int i = start; i < Math.min(start + chunkSize, ids.length); i++) {
                asked.add(ids[i]);
            }
            List<LegacyPostWithReports> posts = postReader.readPosts(asked);
            references.ensureKnown(runId, posts);
            List<TransformResult> changed = changedOnly(posts, asked);
            Set<Long> found = new HashSet<>();
            posts.forEach(p -> found.add(p.post().id()));
            List<Long> gone = asked.stream().filter(id -> !found.contains(id)).toList();

            var counts = changed.isEmpty() ? ChunkCommitter.ChunkCounts.NONE
                    : RejectIsolation.commit((part, a, u) -> committer.commitChanges(runId, part), changed, 0, null);
            if (!gone.isEmpty()) {
                counts = counts.plus(new ChunkCommitter.ChunkCounts(gone.size(), 0, 0, 0,
                        committer.softDeletePosts(runId, gone)));
            }
            int unchanged = posts.size() - changed.size();
            if (unchanged > 0) {
                committer.recordUnchanged(runId, unchanged);
                counts = counts.plus(new ChunkCommitter.ChunkCounts(unchanged, 0, 0, 0, 0));
            }
            progress.add(counts);
            chunkCommitted.fire(new ChunkCommitted(runId, asked.getLast(), counts));
            targetChanged |= counts.written() + counts.quarantined() + counts.softDeleted() > 0;
        }
        DeletionSweep.Swept swept = deletionSweep.sweep(runId);
        LOG.infof("run %d: %d posts looked at, hard deletes found by the sweep: %d posts, %d reports", runId,
                ids.length, swept.posts(), swept.reports());
        return targetChanged || swept.posts() + swept.reports() > 0;
    }

    /** Transforms only the posts whose version (updated_at of the post and of each report) the target lacks. */
    private List<TransformResult> changedOnly(List<LegacyPostWithReports> posts, List<Long> asked)
            throws SQLException {
        Map<Long, TargetVersions.Version> held;
        try (Connection connection = target.getConnection()) {
            held = versions.of(connection, asked.toArray(Long[]::new));
        }
        return posts.stream()
                .filter(p -> !TargetVersions.Version.of(p).equals(held.get(p.post().id())))
                .map(BundleTransformer::transform)
                .toList();
    }

}
