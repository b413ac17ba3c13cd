package org.moderation.bi.migrator.load;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import io.agroal.api.AgroalDataSource;

import org.moderation.bi.migrator.config.MigratorConfig;
import org.moderation.bi.migrator.legacy.ChangedPosts;
import org.moderation.bi.migrator.legacy.LegacySnapshot;
import org.moderation.bi.migrator.persistence.QuarantineRepository;
import org.moderation.bi.migrator.persistence.RunLedger;
import org.moderation.bi.migrator.persistence.TargetContentVersions;

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
    private final TargetContentVersions versions;
    private final ChunkStep step;
    private final Event<ChunkCommitted> chunkCommitted;
    private final MigratorConfig config;

    public DeltaLoad(RunLedger ledger, AgroalDataSource target, QuarantineRepository quarantine,
            ChangedPosts changedPosts, TargetContentVersions versions, ChunkStep step,
            Event<ChunkCommitted> chunkCommitted, MigratorConfig config) {
        this.ledger = ledger;
        this.target = target;
        this.quarantine = quarantine;
        this.changedPosts = changedPosts;
        this.versions = versions;
        this.step = step;
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
            ChunkStep.Outcome outcome = step.apply(runId, snapshot, asked, true, null);
            notFound.addAll(outcome.notFound());
            progress.add(outcome.counts(), outcome.changed());
            chunkCommitted.fire(new ChunkCommitted(runId, asked.getLast(), outcome.counts()));
        }
        return notFound;
    }
}
