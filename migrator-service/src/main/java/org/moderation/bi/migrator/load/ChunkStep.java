package org.moderation.bi.migrator.load;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

import org.moderation.bi.migrator.legacy.LegacyPostReader;
import org.moderation.bi.migrator.legacy.LegacyPostWithReports;
import org.moderation.bi.migrator.legacy.LegacySnapshot;
import org.moderation.bi.migrator.legacy.PostVersion;
import org.moderation.bi.migrator.persistence.ChunkCounts;
import org.moderation.bi.migrator.persistence.TargetContentVersions;
import org.moderation.bi.migrator.transform.BundleTransformer;
import org.moderation.bi.migrator.transform.TransformResult;

/**
 * The step a delta, a reconciliation and the stream take for each chunk of legacy posts they name by id: read them
 * with their reports from one legacy snapshot, transform them, and write them with their read model in one target
 * transaction (with the caller's own work of that chunk, such as the stream's position). A value the database
 * rejects is isolated and quarantined ({@link RejectIsolation}); the caller's work goes with the chunk's last part.
 */
@ApplicationScoped
public class ChunkStep {

    /**
     * What the chunk did: its counts, the legacy posts it wrote or quarantined, and the ids the legacy snapshot does
     * not have.
     */
    public record Outcome(ChunkCounts counts, List<Long> changed, Set<Long> notFound) {
    }

    private final LegacyPostReader reader;
    private final ReferenceDataSync references;
    private final ChunkCommitter committer;
    private final TargetContentVersions versions;
    private final AgroalDataSource target;

    public ChunkStep(LegacyPostReader reader, ReferenceDataSync references, ChunkCommitter committer,
            TargetContentVersions versions, AgroalDataSource target) {
        this.reader = reader;
        this.references = references;
        this.committer = committer;
        this.versions = versions;
        this.target = target;
    }

    /** The legacy posts among {@code ids}, read with their reports in the snapshot, and the ids it does not have. */
    public record Read(List<Long> ids, List<LegacyPostWithReports> posts, Set<Long> notFound) {
    }

    /** Reads, then writes: see {@link #read} and {@link #write}. */
    public Outcome apply(long runId, LegacySnapshot snapshot, List<Long> ids, boolean onlyChanged,
            ChunkCommitter.InTransaction also) throws SQLException {
        return write(runId, read(runId, snapshot, ids), onlyChanged, also);
    }

    /** The reader's half: the posts, with the communities and users they refer to known to the target. */
    public Read read(long runId, LegacySnapshot snapshot, List<Long> ids) throws SQLException {
        List<LegacyPostWithReports> posts = reader.readPosts(snapshot, ids);
        references.ensureKnown(runId, posts);
        var found = new HashSet<Long>();
        posts.forEach(p -> found.add(p.post().id()));
        var notFound = new TreeSet<Long>();
        ids.stream().filter(id -> !found.contains(id)).forEach(notFound::add);
        return new Read(ids, posts, notFound);
    }

    /**
     * The transformer's and the writer's half.
     *
     * @param onlyChanged write only the posts whose version (updated_at of the post and of each report) the target
     *                    lacks; the others count as unchanged. Otherwise write every post found.
     * @param also        more work for the transaction of the chunk's last part (null: none)
     */
    public Outcome write(long runId, Read read, boolean onlyChanged, ChunkCommitter.InTransaction also)
            throws SQLException {
        List<LegacyPostWithReports> posts = read.posts();
        List<TransformResult> changed = (onlyChanged ? versionChanged(posts, read.ids()) : posts).stream()
                .map(BundleTransformer::transform).toList();
        ChunkCounts unchanged = ChunkCounts.unchanged(posts.size() - changed.size());
        if (changed.isEmpty() && also == null && unchanged.read() == 0) {
            return new Outcome(ChunkCounts.NONE, List.of(), read.notFound());
        }
        ChunkCommitter.InTransaction last = connection -> also == null ? unchanged
                : unchanged.plus(also.run(connection));
        ChunkCounts counts = changed.isEmpty() ? committer.commitChanges(runId, List.of(), last)
                : RejectIsolation.commit(part -> committer.commitChanges(runId, part,
                        part.getLast().legacyId() == changed.getLast().legacyId() ? last : null), changed);
        return new Outcome(counts, changed.stream().map(TransformResult::legacyId).toList(), read.notFound());
    }

    private List<LegacyPostWithReports> versionChanged(List<LegacyPostWithReports> posts, List<Long> ids)
            throws SQLException {
        Map<Long, PostVersion> held;
        try (Connection connection = target.getConnection()) {
            held = versions.of(connection, ids.toArray(Long[]::new));
        }
        return posts.stream().filter(p -> !PostVersion.of(p).equals(held.get(p.post().id()))).toList();
    }
}
