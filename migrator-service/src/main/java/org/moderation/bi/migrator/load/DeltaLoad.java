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
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import io.agroal.api.AgroalDataSource;

import org.moderation.bi.migrator.config.MigratorConfig;
import org.moderation.bi.migrator.legacy.ChangedPosts;
import org.moderation.bi.migrator.legacy.LegacyPostReader;
import org.moderation.bi.migrator.legacy.LegacyPostWithReports;
import org.moderation.bi.migrator.legacy.LegacySnapshot;
import org.moderation.bi.migrator.legacy.PostVersion;
import org.moderation.bi.migrator.persistence.QuarantineRepository;
import org.moderation.bi.migrator.persistence.RunLedger;
import org.moderation.bi.migrator.persistence.TargetContentVersions;
import org.moderation.bi.migrator.transform.BundleTransformer;
import org.moderation.bi.migrator.transform.TransformResult;

/**
 * A delta's fast path: the legacy posts whose row or reports have an updated_at since the last completed load's
 * watermark (less an overlap), posts above every id the target has seen, and quarantined posts. Only posts whose
 * version differs from the target's are rewritten. It trusts the timestamps, so it is only the cheap part: the
 * reconciliation that follows catches what they hid (late commits, skewed clocks, backdated imports) and decides
 * deletions. A delta that dies is not resumed: the next one starts again from the last completed watermark.
 */
@ApplicationScoped
public class DeltaLoad {

    private final RunLedger ledger;
    private final AgroalDataSource target;
    private final QuarantineRepository quarantine;
    private final ChangedPosts changedPosts;
    private final LegacyPostReader postReader;
    private final TargetContentVersions versions;
    private final ChunkCommitter committer;
    private final ReferenceDataSync references;
    private final Event<ChunkCommitted> chunkCommitted;
    private final MigratorConfig config;

    public DeltaLoad(RunLedger ledger, AgroalDataSource target, QuarantineRepository quarantine,
            ChangedPosts changedPosts, LegacyPostReader postReader, TargetContentVersions versions,
            ChunkCommitter committer, ReferenceDataSync references, Event<ChunkCommitted> chunkCommitted,
            MigratorConfig config) {
        this.ledger = ledger;
        this.target = target;
        this.quarantine = quarantine;
        this.changedPosts = changedPosts;
        this.postReader = postReader;
        this.versions = versions;
        this.committer = committer;
        this.references = references;
        this.chunkCommitted = chunkCommitted;
        this.config = config;
    }

    public PlannedLoad plan() throws SQLException {
        OffsetDateTime watermark = ledger.lastLoadedWatermark().orElseThrow(NoCompletedLoad::new);
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
            public Optional<RunLedger.Resumable> resumed() {
                return Optional.empty();
            }

            @Override
            public long postsTotal() {
                return changed.length;
            }

            @Override
            public Set<Long> load(long runId, LegacySnapshot snapshot, RunProgress progress) throws SQLException {
                return loadChanged(runId, snapshot, changed, progress);
            }
        };
    }

    private Set<Long> loadChanged(long runId, LegacySnapshot snapshot, long[] ids, RunProgress progress)
            throws SQLException {
        var notFound = new TreeSet<Long>();
        int chunkSize = config.chunkSize();
        for (int start = 0; start < ids.length; start += chunkSize) {
            List<Long> asked = new ArrayList<>();
            for (int i = start; i < Math.min(start + chunkSize, ids.length); i++) {
                asked.add(ids[i]);
            }
            List<LegacyPostWithReports> posts = postReader.readPosts(snapshot, asked);
            references.ensureKnown(runId, posts);
            List<TransformResult> changed = changedOnly(posts, asked);
            Set<Long> found = new HashSet<>();
            posts.forEach(p -> found.add(p.post().id()));
            asked.stream().filter(id -> !found.contains(id)).forEach(notFound::add);

            var counts = RejectIsolation.commit(part -> committer.commitChanges(runId, part), changed);
            int unchanged = posts.size() - changed.size();
            if (unchanged > 0) {
                counts = counts.plus(committer.recordUnchanged(runId, unchanged));
            }
            progress.add(counts, changed.stream().map(TransformResult::legacyId).toList());
            chunkCommitted.fire(new ChunkCommitted(runId, asked.getLast(), counts));
        }
        return notFound;
    }

    /** Transforms only the posts whose version (updated_at of the post and of each report) the target lacks. */
    private List<TransformResult> changedOnly(List<LegacyPostWithReports> posts, List<Long> asked)
            throws SQLException {
        Map<Long, PostVersion> held;
        try (Connection connection = target.getConnection()) {
            held = versions.of(connection, asked.toArray(Long[]::new));
        }
        return posts.stream()
                .filter(p -> !PostVersion.of(p).equals(held.get(p.post().id())))
                .map(BundleTransformer::transform)
                .toList();
    }
}
