package org.moderation.bi.migrator.load;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

import org.moderation.bi.migrator.config.MigratorConfig;
import org.moderation.bi.migrator.legacy.LegacyPostReader;
import org.moderation.bi.migrator.legacy.LegacyPostWithReports;
import org.moderation.bi.migrator.legacy.LegacyReferenceReader;
import org.moderation.bi.migrator.legacy.LegacySnapshot;
import org.moderation.bi.migrator.persistence.RunLedger;
import org.moderation.bi.migrator.persistence.TargetStatistics;
import org.moderation.bi.migrator.transform.BundleTransformer;
import org.moderation.bi.migrator.transform.TransformResult;

/**
 * A full load: every legacy post, in keyset pages (read → transform → write). Into an empty target it is a bulk
 * load: several writers, no read-model upkeep per chunk, and one build of the read model at the end
 * ({@link #buildReadModel}); into a target that holds data, one writer that skips the posts the target holds as they
 * are and keeps the read model current. A full run that died part-way is continued from its last committed chunk by
 * the next full run, in the same mode. What no longer exists is left to the reconciliation that follows, which
 * deletes nothing it has not verified.
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
    private final TargetStatistics statistics;
    private final MigratorConfig config;

    public FullLoad(RunLedger runs, LegacyReferenceReader referenceReader, LegacyPostReader postReader,
            ReferenceDataSync references, ChunkCommitter committer, Event<ChunkCommitted> chunkCommitted,
            TargetStatistics statistics, MigratorConfig config) {
        this.statistics = statistics;
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
        // A bulk run is continued in bulk whatever the target holds now: its rows have no read model yet.
        boolean bulk = resumed.isPresent() ? resumed.get().bulk()
                : config.bulk().enabled() && statistics.holdsNoPosts();
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
            public boolean bulk() {
                return bulk;
            }

            @Override
            public Set<Long> load(long runId, LegacySnapshot snapshot, RunProgress progress) throws SQLException {
                resumed.ifPresent(r -> LOG.infof("run %d continues failed full run %d after legacy post %d",
                        runId, r.runId(), r.checkpointPostId()));
                int writers = bulk ? Math.max(1, config.bulk().writers()) : 1;
                LOG.infof("run %d: %s, %d writer connection(s)", runId, bulk
                        ? "bulk load into an empty target: rows first, the read model built once at the end"
                        : "the target holds data: the read model is kept current chunk by chunk", writers);
                loadAll(runId, resumed.map(RunLedger.Resumable::checkpointPostId).orElse(0L), progress,
                        bulk ? ChunkCommitter.Mode.BULK : ChunkCommitter.Mode.FULL, writers);
                return Set.of();
            }
        };
    }

    /** The final build of a bulk load; @return how many rows it wrote or changed */
    public long buildReadModel(long runId) throws SQLException {
        statistics.analyze();
        long differed = committer.buildReadModel(runId);
        statistics.analyzeReadModel();
        return differed;
    }

    private void loadAll(long runId, long checkpoint, RunProgress progress, ChunkCommitter.Mode mode, int writers)
            throws SQLException {
        int chunkSize = config.chunkSize();
        var order = new CommitOrder();
        var writing = new ArrayList<Future<?>>();
        // One page is read and transformed ahead while the previous ones are written: the two overlap. At most
        // `writers` pages are being written at once, each by its own connection.
        var inFlight = new Semaphore(writers);
        try (ExecutorService readAhead = Executors.newSingleThreadExecutor(r -> new Thread(r, "legacy-read-ahead"));
             ExecutorService writer = Executors.newFixedThreadPool(writers, r -> new Thread(r, "target-writer"))) {
            Page page = readPage(checkpoint, chunkSize);
            for (long chunk = 0; ; chunk++) {
                long lastId = page.lastId();
                Future<Page> next = page.last(chunkSize) ? null : readAhead.submit(() -> readPage(lastId, chunkSize));
                references.ensureKnown(runId, page.posts());
                acquire(inFlight);
                rethrowFailures(writing);
                Page written = page;
                long number = chunk;
                writing.add(writer.submit(() -> {
                    try {
                        write(runId, written, number, order, progress, mode);
                        return null;
                    } finally {
                        inFlight.release();
                    }
                }));
                if (next == null) {
                    break;
                }
                page = await(next);
            }
            for (Future<?> chunk : writing) {
                await(chunk);
            }
        }
    }

    private void write(long runId, Page page, long chunk, CommitOrder order, RunProgress progress,
            ChunkCommitter.Mode mode) throws SQLException {
        var counts = RejectIsolation.commit(part -> committer.commit(runId,
                order.allBeforeCommitted(chunk) ? part.getLast().legacyId() : null, part, mode), page.chunk());
        order.committed(chunk);
        // The audit after a full load checks every post: no need to remember which ones this run wrote.
        progress.add(counts, List.of());
        chunkCommitted.fire(new ChunkCommitted(runId, page.lastId(), counts));
    }

    /** Stops the load at the first chunk that failed; drops the chunks that committed. */
    private static void rethrowFailures(List<Future<?>> writing) throws SQLException {
        for (var chunks = writing.iterator(); chunks.hasNext(); ) {
            Future<?> chunk = chunks.next();
            if (chunk.isDone()) {
                await(chunk);
                chunks.remove();
            }
        }
    }

    private static void acquire(Semaphore permits) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a writer", e);
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

    private static <T> T await(Future<T> next) throws SQLException {
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
