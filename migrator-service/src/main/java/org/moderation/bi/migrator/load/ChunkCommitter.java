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

    @Transactional(rollbackOn = Exception.class)
    public void commitReferenceData(long runId, LegacyReferenceData data) throws SQLException {
        try (Connection connection = target.getConnection()) {
            referenceData.write(connection, runId, data);
        }
    }

    /**
     * @param chunk the transformed posts with ids in ({@code afterId}, {@code upToId}]; {@code upToId} null means
     *              the legacy table ended, so the range is open above
     */
    @Transactional(rollbackOn = Exception.class)
    public ChunkCounts commit(long runId, long afterId, Long upToId, List<TransformResult> chunk) throws SQLException {
        List<SubmissionBundle> accepted = chunk.stream()
                .filter(TransformResult.Accepted.class::isInstance)
                .map(r -> ((TransformResult.Accepted) r).bundle())
                .toList();
        List<TransformResult.Quarantined> rejected = chunk.stream()
                .filter(TransformResult.Quarantined.class::isInstance)
                .map(TransformResult.Quarantined.class::cast)
                .toList();
        List<Long> seen = chunk.stream().map(TransformResult::legacyId).toList();
        List<Long> loaded = accepted.stream().map(SubmissionBundle::legacyId).toList();
        try (Connection connection = target.getConnection()) {
            bundles.write(connection, runId, accepted);
            int softDeleted = vanished.softDeleteInRange(connection, afterId, upToId, seen);
            quarantine.release(connection, afterId, upToId, loaded, seen);
            quarantine.record(connection, runId, rejected);
            int reports = accepted.stream().mapToInt(b -> b.reports().size()).sum();
            var counts = new ChunkCounts(chunk.size(), accepted.size(), reports, rejected.size(), softDeleted);
            runs.checkpoint(connection, runId, upToId == null ? afterId : upToId, counts.read(), counts.written(),
                    counts.reports(), counts.quarantined());
            return counts;
        }
    }

    public record ChunkCounts(int read, int written, int reports, int quarantined, int softDeleted) {

        ChunkCounts plus(ChunkCounts other) {
            return new ChunkCounts(read + other.read, written + other.written, reports + other.reports,
                    quarantined + other.quarantined, softDeleted + other.softDeleted);
        }
    }
}
