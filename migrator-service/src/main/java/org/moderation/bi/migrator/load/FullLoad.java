package org.moderation.bi.migrator.load;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

import org.moderation.bi.migrator.config.MigratorConfig;
import org.moderation.bi.migrator.legacy.LegacyPostReader;
import org.moderation.bi.migrator.legacy.LegacyPostWithReports;
import org.moderation.bi.migrator.legacy.LegacyReferenceReader;
import org.moderation.bi.migrator.legacy.LegacySnapshot;
import org.moderation.bi.migrator.persistence.RunLedger;
import org.moderation.bi.migrator.transform.BundleTransformer;
import org.moderation.bi.migrator.transform.TransformResult;

/**
 * A full load: every legacy post, in keyset pages (read → transform → write). A full run that died part-way is
 * continued from its last committed chunk by the next full run. What no longer exists is left to the reconciliation
 * that follows, which deletes nothing it has not verified.
 */
@ApplicationScoped
public class FullLoad {

    private static final Logger LOG = Logger.getLogger(FullLoad.class);

    private final RunLedger runs;
    private final LegacyReferenceReader referenceReader;
    private final LegacyPostReader postReader;
    private final ReferenceDataSync references;
    private final ChunkCommitter committer;
    private final Event<ChunkCommitted> chunkCommitted;
    private final MigratorConfig config;

    public FullLoad(RunLedger runs, LegacyReferenceReader referenceReader, LegacyPostReader postReader,
            ReferenceDataSync references, ChunkCommitter committer, Event<ChunkCommitted> chunkCommitted,
            MigratorConfig config) {
        this.runs = runs;
        this.referenceReader = referenceReader;
        this.postReader = postReader;
        this.references = references;
        this.committer = committer;
        this.chunkCommitted = chunkCommitted;
        this.config = config;
    }

    public PlannedLoad plan() throws SQLException {
        Optional<RunLedger.Resumable> resumed = runs.resumableFullRun();
        long total = referenceReader.countPosts();
        return new PlannedLoad() {
            @Override
            public OffsetDateTime windowFrom() {
                return null;
            }

            @Override
            public Optional<RunLedger.Resumable> resumed() {
                return resumed;
            }

            @Override
            public long postsTotal() {
                return total;
            }

            @Override
            public boolean readsThroughSnapshot() {
                return false;
            }

            @Override
            public Set<Long> load(long runId, LegacySnapshot snapshot, RunProgress progress) throws SQLException {
                resumed.ifPresent(r -> LOG.infof("run %d continues failed full run %d after legacy post %d",
                        runId, r.runId(), r.checkpointPostId()));
                loadAll(runId, resumed.map(RunLedger.Resumable::checkpointPostId).orElse(0L), progress);
                return Set.of();
            }
        };
    }

    private void loadAll(long runId, long checkpoint, RunProgress progress) throws SQLException {
        int chunkSize = config.chunkSize();
        // One page is read and transformed ahead while the previous one is written: the two overlap.
        try (ExecutorService readAhead = Executors.newSingleThreadExecutor(r -> new Thread(r, "legacy-read-ahead"))) {
            Page page = readPage(checkpoint, chunkSize);
            while (true) {
                long lastId = page.lastId();
                Future<Page> next = page.last(chunkSize) ? null : readAhead.submit(() -> readPage(lastId, chunkSize));
                references.ensureKnown(runId, page.posts());
                var counts = RejectIsolation.commit(part -> committer.commit(runId, part.getLast().legacyId(), part),
                        page.chunk());
                // The audit after a full load checks every post: no need to remember which ones this run wrote.
                progress.add(counts, List.of());
                chunkCommitted.fire(new ChunkCommitted(runId, page.lastId(), counts));
                if (next == null) {
                    break;
                }
                page = await(next);
            }
        }
    }

    /** A transformed page of legacy posts; fewer posts than asked for means the legacy table ended. */
    private record Page(List<LegacyPostWithReports> posts, List<TransformResult> chunk, int read, long lastId) {
        boolean last(int chunkSize) {
            return read < chunkSize;
        }
    }

    private Page readPage(long after, int chunkSize) throws SQLException {
        List<LegacyPostWithReports> posts = postReader.readPage(after, chunkSize);
        return new Page(posts, posts.stream().map(BundleTransformer::transform).toList(), posts.size(),
                posts.isEmpty() ? after : posts.getLast().post().id());
    }

    private static Page await(Future<Page> next) throws SQLException {
        try {
            return next.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the legacy database", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
