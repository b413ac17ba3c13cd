package org.moderation.bi.migrator.load;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
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
import org.moderation.bi.migrator.run.RunRepository;
import org.moderation.bi.migrator.transform.BundleTransformer;
import org.moderation.bi.migrator.transform.TransformResult;

/**
 * A full load: every legacy post, in keyset pages (read → transform → write). A full run that died part-way is
 * continued from its last committed chunk by the next full run.
 */
@ApplicationScoped
public class FullLoad {

    private static final Logger LOG = Logger.getLogger(FullLoad.class);

    private final RunRepository runs;
    private final LegacyReferenceReader referenceReader;
    private final LegacyPostReader postReader;
    private final ReferenceDataSync references;
    private final ChunkCommitter committer;
    private final Event<ChunkCommitted> chunkCommitted;
    private final MigratorConfig config;

    public FullLoad(RunRepository runs, LegacyReferenceReader referenceReader, LegacyPostReader postReader,
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

    PlannedLoad plan() throws SQLException {
        Optional<RunRepository.Resumable> resumed = runs.resumableFullRun();
        long total = referenceReader.countPosts();
        return new PlannedLoad() {
            @Override
            public OffsetDateTime windowFrom() {
                return null;
            }

            @Override
            public Optional<RunRepository.Resumable> resumed() {
                return resumed;
            }

            @Override
            public long postsTotal() {
                return total;
            }

            @Override
            public boolean load(long runId, RunProgress progress) throws SQLException {
                resumed.ifPresent(r -> LOG.infof("run %d continues failed full run %d after legacy post %d",
                        runId, r.runId(), r.checkpointPostId()));
                loadAll(runId, resumed.map(RunRepository.Resumable::checkpointPostId).orElse(0L), progress);
                return true;
            }
        };
    }

    private void loadAll(long runId, long checkpoint, RunProgress progress) throws SQLException {
        int chunkSize = config.chunkSize();
        // One page is read and transformed ahead while the previous one is written: the two overlap.
        try (ExecutorService readAhead = Executors.newSingleThreadExecutor(r -> new Thread(r, "legacy-read-ahead"))) {
            long after = checkpoint;
            Page page = readPage(after, chunkSize);
            while (true) {
                Long upTo = page.last(chunkSize) ? null : page.lastId();
                Future<Page> next = upTo == null ? null : readAhead.submit(() -> readPage(upTo, chunkSize));
                references.ensureKnown(runId, page.posts());
                var counts = RejectIsolation.commit((part, a, u) -> committer.commit(runId, a, u, part), page.chunk(),
                        after, upTo);
                progress.add(counts);
                chunkCommitted.fire(new ChunkCommitted(runId, upTo == null ? after : upTo, counts));
                if (next == null) {
                    break;
                }
                after = upTo;
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
