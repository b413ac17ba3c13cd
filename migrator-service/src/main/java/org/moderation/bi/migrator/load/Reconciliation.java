package org.moderation.bi.migrator.load;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;

import org.moderation.bi.migrator.config.MigratorConfig;
import org.moderation.bi.migrator.legacy.BucketSummary;
import org.moderation.bi.migrator.legacy.LegacyContentVersions;
import org.moderation.bi.migrator.legacy.LegacySnapshot;
import org.moderation.bi.migrator.legacy.PostVersion;
import org.moderation.bi.migrator.persistence.QuarantineRepository;
import org.moderation.bi.migrator.persistence.RunLedger;
import org.moderation.bi.migrator.persistence.SqlInBackground;
import org.moderation.bi.migrator.persistence.TargetContentVersions;
import org.moderation.bi.shared.api.migration.ReconciliationView;

/**
 * Makes the target equal to one legacy snapshot, whatever the timestamps said. Both sides are summarised per bucket
 * of legacy post ids by content version (a count and an order-independent hash of every post's and report's
 * updated_at); only buckets whose summaries differ are compared post by post, and exactly the posts that differ are
 * re-synced: loaded, rewritten, restored, or soft-deleted. Deletions are decided last, after everything was read,
 * and only if the {@link DeletionGuard} finds them plausible; a refused run deletes nothing. A legacy database that
 * plainly lacks posts is refused before the run writes anything ({@link #refuseAnImplausibleLegacyDatabase}).
 */
@ApplicationScoped
public class Reconciliation {

    private static final Logger LOG = Logger.getLogger(Reconciliation.class);

    /** At most this many consecutive differing buckets are narrowed down or listed in one query per side. */
    private static final int BUCKETS_PER_LISTING = 50;
    /** A differing bucket is summarised again in this many smaller ones before posts are listed. */
    private static final int SUB_BUCKETS = 32;

    /** Why each differing post differs; the sets are disjoint. */
    private static final class Plan {
        final Set<Long> missing = new TreeSet<>();
        final Set<Long> stale = new TreeSet<>();
        final Set<Long> back = new TreeSet<>();
        final Set<Long> gone = new TreeSet<>();
        /** Quarantined posts gone from the legacy database: released, but never live, so not the guard's concern. */
        final Set<Long> goneFromQuarantine = new TreeSet<>();
        final Set<Long> targetReports = new HashSet<>();
        final Set<Long> legacyReports = new HashSet<>();

        List<Long> toWrite() {
            var ids = new TreeSet<Long>();
            ids.addAll(missing);
            ids.addAll(stale);
            ids.addAll(back);
            return List.copyOf(ids);
        }

        long reportsGone() {
            return targetReports.stream().filter(id -> !legacyReports.contains(id)).count();
        }
    }

    private final AgroalDataSource target;
    private final AgroalDataSource legacy;
    private final LegacyContentVersions legacyVersions;
    private final TargetContentVersions targetVersions;
    private final ChunkStep step;
    private final QuarantineRepository quarantine;
    private final ReferenceDataSync references;
    private final ChunkCommitter committer;
    private final RunLedger ledger;
    private final Event<ChunkCommitted> chunkCommitted;
    private final ManagedExecutor executor;
    private final ObjectMapper json;
    private final MigratorConfig config;

    public Reconciliation(AgroalDataSource target, @DataSource("legacy") AgroalDataSource legacy,
            LegacyContentVersions legacyVersions,
            TargetContentVersions targetVersions, ChunkStep step, QuarantineRepository quarantine,
            ReferenceDataSync references, ChunkCommitter committer, RunLedger ledger,
            Event<ChunkCommitted> chunkCommitted, ManagedExecutor executor, ObjectMapper json, MigratorConfig config) {
        this.target = target;
        this.legacy = legacy;
        this.legacyVersions = legacyVersions;
        this.targetVersions = targetVersions;
        this.step = step;
        this.quarantine = quarantine;
        this.references = references;
        this.committer = committer;
        this.ledger = ledger;
        this.chunkCommitted = chunkCommitted;
        this.executor = executor;
        this.json = json;
        this.config = config;
    }

    /**
     * Before a run writes anything, even reference data: a legacy database with fewer posts than the target has live
     * submissions, by more than the guard allows (none at all, a restore in progress, another database), fails the
     * run at once, unchanged. Two counts: the legacy posts, and the live submissions the kept buckets hold.
     *
     * @throws MassDeletionRefused when the legacy database cannot be the one the target follows
     */
    public void refuseAnImplausibleLegacyDatabase(long runId) throws SQLException {
        long legacyPosts;
        String database;
        try (LegacySnapshot snapshot = LegacySnapshot.open(legacy)) {
            legacyPosts = legacyVersions.count(snapshot);
            database = snapshot.database();
        }
        long liveSubmissions;
        try (Connection connection = target.getConnection()) {
            liveSubmissions = targetVersions.liveSubmissions(connection);
        }
        Optional<String> refusal = new DeletionGuard(config.deletionGuard().maxShare())
                .beforeWriting(legacyPosts, liveSubmissions, database);
        if (refusal.isPresent()) {
            record(runId, new ReconciliationView(0, 0, 0, 0, 0, 0, 0, 0, refusal.get()), true);
            throw new MassDeletionRefused(refusal.get());
        }
    }

    /**
     * Starts a reconciliation with one legacy snapshot: reference data from it, and the legacy side's summaries on a
     * second connection sharing the snapshot, which run while the caller's fast path writes. The target side is
     * summarised by {@link Pending#finish}, after those writes.
     */
    public Pending begin(long runId, LegacySnapshot snapshot) throws SQLException {
        long start = System.nanoTime();
        references.load(runId, snapshot);
        List<Long> quarantined;
        try (Connection connection = target.getConnection()) {
            quarantined = quarantine.quarantinedLegacyIds(connection);
        }
        long bucketSize = config.reconciliation().bucketSize();
        LegacySnapshot shared = snapshot.share(legacy);
        CompletableFuture<Map<Long, BucketSummary>> legacySide = SqlInBackground.start(executor, () -> {
            try (shared) {
                return legacyVersions.summaries(shared, bucketSize, quarantined, BucketSummary.FIRST_ID,
                        BucketSummary.AFTER_LAST_ID);
            }
        });
        return new Pending(runId, snapshot, quarantined, bucketSize, legacySide, start);
    }

    /** A reconciliation whose legacy side is on its way. */
    public final class Pending implements AutoCloseable {

        private final long runId;
        private final LegacySnapshot snapshot;
        private final List<Long> quarantined;
        private final long bucketSize;
        private final CompletableFuture<Map<Long, BucketSummary>> legacySide;
        private final long startNanos;

        private Pending(long runId, LegacySnapshot snapshot, List<Long> quarantined, long bucketSize,
                CompletableFuture<Map<Long, BucketSummary>> legacySide, long startNanos) {
            this.runId = runId;
            this.snapshot = snapshot;
            this.quarantined = quarantined;
            this.bucketSize = bucketSize;
            this.legacySide = legacySide;
            this.startNanos = startNanos;
        }

        /**
         * Compares, re-syncs what differs, and decides deletions last.
         *
         * @param suspects        legacy posts to verify in this snapshot whatever the summaries say (posts the
         *                        delta asked for and did not find)
         * @param allowMassDelete an operator's explicit consent to deletions the guard would refuse
         * @throws MassDeletionRefused when the guard refused the deletions; the run's row says so
         */
        public ReconciliationView finish(Collection<Long> suspects, boolean allowMassDelete, RunProgress progress)
                throws SQLException {
            long finishing = System.nanoTime();
            Map<Long, BucketSummary> targetSummaries;
            try (Connection connection = target.getConnection()) {
                targetSummaries = targetVersions.summaries(connection, bucketSize, quarantined,
                        BucketSummary.FIRST_ID, BucketSummary.AFTER_LAST_ID);
            }
            long targetSummarised = System.nanoTime();
            Map<Long, BucketSummary> legacySummaries = SqlInBackground.join(legacySide);
            long summarised = System.nanoTime();

            var buckets = new TreeSet<Long>();
            buckets.addAll(legacySummaries.keySet());
            buckets.addAll(targetSummaries.keySet());
            var differing = new TreeSet<Long>();
            for (long bucket : buckets) {
                if (!Objects.equals(legacySummaries.get(bucket), targetSummaries.get(bucket))) {
                    differing.add(bucket);
                }
            }
            var quarantinedIds = Set.copyOf(quarantined);
            suspects.stream().filter(id -> !quarantinedIds.contains(id)).forEach(id -> differing.add(id / bucketSize));

            Plan plan = compare(snapshot, differing, bucketSize, quarantined);
            long compared = System.nanoTime();
            var stillQuarantined = new HashSet<>(legacyVersions.existing(snapshot, quarantined));
            quarantined.stream().filter(id -> !stillQuarantined.contains(id)).forEach(plan.goneFromQuarantine::add);

            long liveSubmissions = targetSummaries.values().stream().mapToLong(BucketSummary::posts).sum();
            long liveReports = targetSummaries.values().stream().mapToLong(BucketSummary::reports).sum();
            var deletions = new DeletionGuard.Deletions(plan.gone.size(), liveSubmissions, plan.reportsGone(),
                    liveReports, legacyVersions.hasPosts(snapshot), snapshot.database());
            Optional<String> refusal = new DeletionGuard(config.deletionGuard().maxShare()).beforeDeleting(deletions);
            if (refusal.isPresent() && !allowMassDelete) {
                record(runId, view(buckets.size(), differing.size(), plan, startNanos, refusal.get()), true);
                throw new MassDeletionRefused(refusal.get());
            }
            refusal.ifPresent(reason -> LOG.warnf("run %d: deleting what the guard would refuse, as allowed: %s",
                    runId, reason));

            List<Long> toWrite = plan.toWrite();
            var gone = new TreeSet<>(plan.gone);
            gone.addAll(plan.goneFromQuarantine);
            ledger.addToTotal(runId, toWrite.size() + gone.size());
            progress.found(toWrite.size() + gone.size());
            write(runId, snapshot, toWrite, progress);
            if (!gone.isEmpty()) {
                stillAnswers(snapshot);
                softDelete(runId, List.copyOf(gone), progress);
            }

            ReconciliationView view = view(buckets.size(), differing.size(), plan, startNanos, null);
            record(runId, view, false);
            if (view.postsRepaired() > 0) {
                LOG.warnf("run %d: the reconciliation re-synced %,d posts that differed from the legacy snapshot: "
                                + "%,d missing (loaded), %,d of another version (rewritten), %,d back (restored), %,d "
                                + "gone (soft-deleted); %,d live reports were gone", runId, view.postsRepaired(),
                        view.postsMissing(), view.postsStale(), view.postsBack(), view.postsGone(), view.reportsGone());
            }
            LOG.infof("run %d: reconciled %,d buckets of %,d legacy ids (%,d differed) in %.2f s after the load: "
                            + "target side summarised in %.2f s (the legacy side, started with the run, waited for "
                            + "%.2f s more), differing buckets listed in %.2f s, %,d posts re-synced in %.2f s",
                    runId, buckets.size(), bucketSize, differing.size(), (System.nanoTime() - finishing) / 1e9,
                    (targetSummarised - finishing) / 1e9, (summarised - targetSummarised) / 1e9,
                    (compared - summarised) / 1e9, view.postsRepaired(), (System.nanoTime() - compared) / 1e9);
            return view;
        }

        /** Waits for the legacy side, so that its connection is back in the pool whatever happened. */
        @Override
        public void close() {
            legacySide.handle((result, failure) -> null).join();
        }
    }

    /**
     * Narrows the differing buckets down and sorts the posts that differ by why. Consecutive buckets are taken
     * together (up to {@value #BUCKETS_PER_LISTING}, so that a target far behind costs a few queries, not thousands);
     * each run of them is summarised again on both sides in {@value #SUB_BUCKETS} times smaller buckets, and only
     * the posts of the smaller buckets that differ are listed, by id, in one query per side and run: a change spread
     * thinly over every bucket lists a few posts per bucket, not the whole database.
     */
    private Plan compare(LegacySnapshot snapshot, NavigableSet<Long> buckets, long bucketSize,
            List<Long> quarantined) throws SQLException {
        var plan = new Plan();
        try (Connection connection = target.getConnection()) {
            for (long[] range : runs(buckets, bucketSize)) {
                if (bucketSize < 2 * SUB_BUCKETS) {
                    var whole = new ArrayList<Long>();
                    for (long bucket = range[0] / bucketSize; bucket < range[1] / bucketSize; bucket++) {
                        whole.add(bucket);
                    }
                    list(plan, snapshot, connection, range, bucketSize, whole, quarantined);
                    continue;
                }
                long subSize = (bucketSize + SUB_BUCKETS - 1) / SUB_BUCKETS;
                Map<Long, BucketSummary> legacySubs = legacyVersions.summaries(snapshot, subSize, quarantined,
                        range[0], range[1]);
                Map<Long, BucketSummary> targetSubs = targetVersions.summaries(connection, subSize, quarantined,
                        range[0], range[1]);
                var differing = new ArrayList<Long>();
                for (long sub : union(legacySubs.keySet(), targetSubs.keySet())) {
                    if (!Objects.equals(legacySubs.get(sub), targetSubs.get(sub))) {
                        differing.add(sub);
                    }
                }
                if (!differing.isEmpty()) {
                    list(plan, snapshot, connection, range, subSize, differing, quarantined);
                }
            }
        }
        return plan;
    }

    /** The ranges of ids [from, to) that runs of consecutive buckets cover, at most {@value #BUCKETS_PER_LISTING} each. */
    private static List<long[]> runs(NavigableSet<Long> buckets, long bucketSize) {
        var ranges = new ArrayList<long[]>();
        Long first = buckets.isEmpty() ? null : buckets.first();
        while (first != null) {
            long last = first;
            while (buckets.contains(last + 1) && last + 1 - first < BUCKETS_PER_LISTING) {
                last++;
            }
            ranges.add(new long[] {first * bucketSize, (last + 1) * bucketSize});
            first = buckets.higher(last);
        }
        return ranges;
    }

    private static Set<Long> union(Set<Long> a, Set<Long> b) {
        var all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * Compares the posts with ids in the range and in these buckets of {@code bucketSize} one by one and sorts those
     * that differ into the plan. The ids are named one by one: index lookups, however thinly they are spread.
     */
    private void list(Plan plan, LegacySnapshot snapshot, Connection connection, long[] range, long bucketSize,
            List<Long> buckets, List<Long> quarantined) throws SQLException {
        var ids = new ArrayList<Long>();
        for (long bucket : buckets) {
            for (long id = Math.max(range[0], bucket * bucketSize); id < Math.min(range[1], (bucket + 1) * bucketSize);
                    id++) {
                ids.add(id);
            }
        }
        Long[] named = ids.toArray(Long[]::new);
        Map<Long, PostVersion> inLegacy = legacyVersions.versions(snapshot, named, quarantined);
        Map<Long, PostVersion> current = targetVersions.versions(connection, named, quarantined);
        var softDeleted = new HashSet<>(targetVersions.softDeleted(connection, named));
        inLegacy.values().forEach(v -> plan.legacyReports.addAll(v.reports().keySet()));
        current.values().forEach(v -> plan.targetReports.addAll(v.reports().keySet()));
        for (var post : inLegacy.entrySet()) {
            PostVersion held = current.get(post.getKey());
            if (held == null) {
                (softDeleted.contains(post.getKey()) ? plan.back : plan.missing).add(post.getKey());
            } else if (!held.equals(post.getValue())) {
                plan.stale.add(post.getKey());
            }
        }
        current.keySet().stream().filter(id -> !inLegacy.containsKey(id)).forEach(plan.gone::add);
    }

    private void write(long runId, LegacySnapshot snapshot, List<Long> ids, RunProgress progress)
            throws SQLException {
        int chunkSize = config.chunkSize();
        for (int start = 0; start < ids.size(); start += chunkSize) {
            List<Long> chunk = ids.subList(start, Math.min(start + chunkSize, ids.size()));
            ChunkStep.Outcome outcome = step.apply(runId, snapshot, chunk, false, null);
            progress.add(outcome.counts(), chunk);
            chunkCommitted.fire(new ChunkCommitted(runId, chunk.getLast(), outcome.counts()));
        }
    }

    /** The last word before deleting: a legacy database that went away during the run never causes a deletion. */
    private static void stillAnswers(LegacySnapshot snapshot) throws SQLException {
        try (var statement = snapshot.connection().createStatement()) {
            statement.execute("SELECT 1");
        }
    }

    private void softDelete(long runId, List<Long> gone, RunProgress progress) throws SQLException {
        int chunkSize = config.chunkSize();
        for (int start = 0; start < gone.size(); start += chunkSize) {
            List<Long> chunk = gone.subList(start, Math.min(start + chunkSize, gone.size()));
            var counts = committer.softDeletePosts(runId, chunk);
            progress.add(counts, chunk);
            chunkCommitted.fire(new ChunkCommitted(runId, chunk.getLast(), counts));
        }
    }

    private static ReconciliationView view(int buckets, int differing, Plan plan, long startNanos, String refusal) {
        return new ReconciliationView(buckets, differing, plan.missing.size(), plan.stale.size(), plan.back.size(),
                plan.gone.size() + plan.goneFromQuarantine.size(), plan.reportsGone(), Math.round((System.nanoTime() - startNanos) / 1e8) / 10.0,
                refusal);
    }

    private void record(long runId, ReconciliationView view, boolean refused) throws SQLException {
        try {
            ledger.recordReconciliation(runId, json.writeValueAsString(view), refused);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a reconciliation view is a plain record", e);
        }
    }
}
