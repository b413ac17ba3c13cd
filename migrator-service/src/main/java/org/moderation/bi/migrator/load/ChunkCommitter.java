package org.moderation.bi.migrator.load;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;

import org.moderation.bi.migrator.legacy.LegacyReferenceData;
import org.moderation.bi.migrator.persistence.ChunkCounts;
import org.moderation.bi.migrator.persistence.QuarantineRepository;
import org.moderation.bi.migrator.persistence.ReferenceDataWriter;
import org.moderation.bi.migrator.persistence.RunLedger;
import org.moderation.bi.migrator.persistence.SubmissionBundleWriter;
import org.moderation.bi.migrator.persistence.VanishedSubmissions;
import org.moderation.bi.migrator.readmodel.ReadModelMaintenance;
import org.moderation.bi.migrator.transform.SubmissionBundle;
import org.moderation.bi.migrator.transform.TransformResult;

/**
 * Writes one transformed chunk, the read model's facts and rollups for the submissions it touched, and the run's
 * counts and checkpoint, all in one transaction: after a crash the checkpoint never points past rows that were not
 * committed, and a dashboard never sees rows without their facts or facts without their rows (a bulk load's chunks
 * leave the read model alone: it is built once at the end, see {@link Mode#BULK}).
 */
@ApplicationScoped
public class ChunkCommitter {

    private final AgroalDataSource target;
    private final SubmissionBundleWriter bundles;
    private final ReferenceDataWriter referenceData;
    private final VanishedSubmissions vanished;
    private final QuarantineRepository quarantine;
    private final ReadModelMaintenance readModel;
    private final RunLedger ledger;

    public ChunkCommitter(AgroalDataSource target, SubmissionBundleWriter bundles, ReferenceDataWriter referenceData,
            VanishedSubmissions vanished, QuarantineRepository quarantine, ReadModelMaintenance readModel,
            RunLedger ledger) {
        this.target = target;
        this.bundles = bundles;
        this.referenceData = referenceData;
        this.vanished = vanished;
        this.quarantine = quarantine;
        this.readModel = readModel;
        this.ledger = ledger;
    }

    /** @return how many communities and users were added or changed */
    @Transactional(rollbackOn = Exception.class)
    public int commitReferenceData(long runId, LegacyReferenceData data) throws SQLException {
        try (Connection connection = target.getConnection()) {
            ReferenceDataWriter.Changes changes = referenceData.write(connection, runId, data);
            readModel.applyToCommunities(connection, changes.communities());
            return changes.changed();
        }
    }

    /** How a chunk is written. */
    enum Mode {
        /** A delta's or a reconciliation's changed posts: every one written, the read model kept current. */
        CHANGES,
        /** A full load into a target that holds data: posts it holds as they are skipped, the read model kept. */
        FULL,
        /** A bulk load: every post written, no read model and no bucket triggers (the final build makes both). */
        BULK
    }

    /**
     * A full load's chunk; the checkpoint moves to {@code checkpoint} with it (null: it stays).
     */
    @Transactional(rollbackOn = Exception.class)
    public ChunkCounts commit(long runId, Long checkpoint, List<TransformResult> chunk, Mode mode)
            throws SQLException {
        try (Connection connection = target.getConnection()) {
            return write(connection, runId, checkpoint, chunk, mode);
        }
    }

    /** More work in the transaction of a chunk's rows; what it counts is recorded with them. */
    @FunctionalInterface
    public interface InTransaction {
        ChunkCounts run(Connection connection) throws SQLException;
    }

    /**
     * Changed posts of a delta, a reconciliation or the stream, whatever their legacy ids, and {@code also} (if any)
     * in the same transaction; the checkpoint stays.
     */
    @Transactional(rollbackOn = Exception.class)
    public ChunkCounts commitChanges(long runId, List<TransformResult> changed, InTransaction also)
            throws SQLException {
        try (Connection connection = target.getConnection()) {
            ChunkCounts counts = write(connection, runId, null, changed, Mode.CHANGES);
            if (also == null) {
                return counts;
            }
            ChunkCounts more = also.run(connection);
            ledger.recordChunk(connection, runId, null, more);
            return counts.plus(more);
        }
    }

    /**
     * Legacy posts the reconciliation verified are gone: their submissions soft-deleted with their reports, and out
     * of the quarantine.
     */
    @Transactional(rollbackOn = Exception.class)
    public ChunkCounts softDeletePosts(long runId, List<Long> goneLegacyIds) throws SQLException {
        try (Connection connection = target.getConnection()) {
            ChunkCounts counts = softDelete(connection, goneLegacyIds);
            ledger.recordChunk(connection, runId, null, counts);
            return counts;
        }
    }

    /** In the caller's transaction: see {@link #softDeletePosts}. */
    public ChunkCounts softDelete(Connection connection, List<Long> goneLegacyIds) throws SQLException {
        List<Long> softDeleted = vanished.softDelete(connection, goneLegacyIds);
        readModel.apply(connection, softDeleted);
        quarantine.release(connection, goneLegacyIds);
        return ChunkCounts.softDeleted(softDeleted.size());
    }

    /**
     * A bulk load's final build, in one transaction with the run's record of it: a run that dies during the build
     * leaves none of it, and the run that continues it builds again.
     *
     * @return how many rows of the read model and the buckets differed from the kept ones
     */
    public long buildReadModel(long runId) throws SQLException {
        try (Connection connection = target.getConnection()) {
            return readModel.buildCommitted(connection, built -> ledger.recordReadModelBuilt(built, runId));
        }
    }

    private ChunkCounts write(Connection connection, long runId, Long checkpoint, List<TransformResult> chunk,
            Mode mode) throws SQLException {
        var accepted = new ArrayList<SubmissionBundle>();
        var rejected = new ArrayList<TransformResult.Quarantined>();
        for (TransformResult result : chunk) {
            switch (result) {
                case TransformResult.Accepted a -> accepted.add(a.bundle());
                case TransformResult.Quarantined q -> rejected.add(q);
            }
        }
        if (mode == Mode.BULK) {
            try (var statement = connection.createStatement()) {
                statement.execute("SELECT set_config('migrator.bulk_load', 'on', true)");
            }
        }
        Set<Long> unchanged = mode == Mode.FULL ? bundles.unchanged(connection, accepted) : Set.of();
        List<SubmissionBundle> changed = accepted.stream().filter(b -> !unchanged.contains(b.legacyId())).toList();
        SubmissionBundleWriter.Written written = bundles.write(connection, runId, changed);
        if (mode != Mode.BULK) {
            readModel.apply(connection, written.submissionIds());
        }
        quarantine.release(connection, accepted.stream().map(SubmissionBundle::legacyId).toList());
        quarantine.record(connection, runId, rejected);
        int reports = changed.stream().mapToInt(b -> b.reports().size()).sum();
        var counts = new ChunkCounts(chunk.size(), changed.size(), reports, unchanged.size(), rejected.size(), 0,
                written.restored());
        ledger.recordChunk(connection, runId, checkpoint, counts);
        return counts;
    }
}
