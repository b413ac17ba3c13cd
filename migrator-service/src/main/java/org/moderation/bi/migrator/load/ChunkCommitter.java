package org.moderation.bi.migrator.load;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;

import org.moderation.bi.migrator.legacy.LegacyReferenceData;
import org.moderation.bi.migrator.persistence.QuarantineRepository;
import org.moderation.bi.migrator.persistence.ReferenceDataWriter;
import org.moderation.bi.migrator.persistence.SubmissionBundleWriter;
import org.moderation.bi.migrator.persistence.VanishedSubmissions;
import org.moderation.bi.migrator.run.RunRepository;
import org.moderation.bi.migrator.transform.SubmissionBundle;
import org.moderation.bi.migrator.transform.TransformResult;

/**
 * Writes one transformed chunk and moves the run's checkpoint in the same transaction: after a crash the
 * checkpoint never points past rows that were not committed, and never behind rows that were.
 */
@ApplicationScoped
public class ChunkCommitter {

    private final AgroalDataSource target;
    private final SubmissionBundleWriter bundles;
    private final ReferenceDataWriter referenceData;
    private final VanishedSubmissions vanished;
    private final QuarantineRepository quarantine;
    private final RunRepository runs;

    public ChunkCommitter(AgroalDataSource target, SubmissionBundleWriter bundles, ReferenceDataWriter referenceData,
            VanishedSubmissions vanished, QuarantineRepository quarantine, RunRepository runs) {
        this.target = target;
        this.bundles = bundles;
        this.referenceData = referenceData;
        this.vanished = vanished;
        this.quarantine = quarantine;
        this.runs = runs;
    }

    /** @return how many communities and users were added or changed */
    @Transactional(rollbackOn = Exception.class)
    public int commitReferenceData(long runId, LegacyReferenceData data) throws SQLException {
        try (Connection connection = target.getConnection()) {
            return referenceData.write(connection, runId, data);
        }
    }

    /**
     * A full load's chunk.
     *
     * @param chunk the transformed posts with ids in ({@code afterId}, {@code upToId}]; {@code upToId} null means
     *              the legacy table ended, so the range is open above
     */
    @Transactional(rollbackOn = Exception.class)
    public ChunkCounts commit(long runId, long afterId, Long upToId, List<TransformResult> chunk) throws SQLException {
        List<Long> seen = chunk.stream().map(TransformResult::legacyId).toList();
        try (Connection connection = target.getConnection()) {
            int softDeleted = vanished.softDeleteInRange(connection, afterId, upToId, seen);
            quarantine.release(connection, afterId, upToId, loadedIds(chunk), seen);
            return write(connection, runId, upToId == null ? afterId : upToId, chunk, chunk.size(), softDeleted);
        }
    }

    /** A delta's changed posts: written whatever their legacy ids, nothing inferred from what is absent. */
    @Transactional(rollbackOn = Exception.class)
    public ChunkCounts commitChanges(long runId, List<TransformResult> changed) throws SQLException {
        try (Connection connection = target.getConnection()) {
            quarantine.release(connection, loadedIds(changed));
            return write(connection, runId, null, changed, changed.size(), 0);
        }
    }

    /** Legacy posts known to be gone: soft-deleted with their reports, and out of the quarantine. */
    @Transactional(rollbackOn = Exception.class)
    public int softDeletePosts(long runId, List<Long> gone) throws SQLException {
        try (Connection connection = target.getConnection()) {
            int softDeleted = vanished.softDelete(connection, gone);
            quarantine.release(connection, gone);
            runs.recordChunk(connection, runId, null, gone.size(), 0, 0, 0);
            return softDeleted;
        }
    }

    /** Posts a delta looked at and found unchanged: they count as read. */
    @Transactional(rollbackOn = Exception.class)
    public void recordUnchanged(long runId, int unchanged) throws SQLException {
        try (Connection connection = target.getConnection()) {
            runs.recordChunk(connection, runId, null, unchanged, 0, 0, 0);
        }
    }

    @Transactional(rollbackOn = Exception.class)
    public int softDeleteReports(List<Long> gone) throws SQLException {
        try (Connection connection = target.getConnection()) {
            return vanished.softDeleteReports(connection, gone);
        }
    }

    private ChunkCounts write(Connection connection, long runId, Long checkpoint, List<TransformResult> chunk,
            int read, int softDeleted) throws SQLException {
        List<SubmissionBundle> accepted = chunk.stream()
                .filter(TransformResult.Accepted.class::isInstance)
                .map(r -> ((TransformResult.Accepted) r).bundle())
                .toList();
        List<TransformResult.Quarantined> rejected = chunk.stream()
                .filter(TransformResult.Quarantined.class::isInstance)
                .map(TransformResult.Quarantined.class::cast)
                .toList();
        bundles.write(connection, runId, accepted);
        quarantine.record(connection, runId, rejected);
        int reports = accepted.stream().mapToInt(b -> b.reports().size()).sum();
        var counts = new ChunkCounts(read, accepted.size(), reports, rejected.size(), softDeleted);
        runs.recordChunk(connection, runId, checkpoint, counts.read(), counts.written(), counts.reports(),
                counts.quarantined());
        return counts;
    }

    private static List<Long> loadedIds(List<TransformResult> chunk) {
        return chunk.stream().filter(TransformResult.Accepted.class::isInstance).map(TransformResult::legacyId).toList();
    }

    public record ChunkCounts(int read, int written, int reports, int quarantined, int softDeleted) {

        static final ChunkCounts NONE = new ChunkCounts(0, 0, 0, 0, 0);

        ChunkCounts plus(ChunkCounts other) {
            return new ChunkCounts(read + other.read, written + other.written, reports + other.reports,
                    quarantined + other.quarantined, softDeleted + other.softDeleted);
        }
    }
}
