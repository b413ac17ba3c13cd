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
import org.moderation.bi.migrator.legacy.LegacySchemaCheck;
import org.moderation.bi.migrator.readmodel.ReadModelRefresher;
import org.moderation.bi.migrator.run.MigrationLock;
import org.moderation.bi.migrator.run.RunKind;
import org.moderation.bi.migrator.run.RunRepository;
import org.moderation.bi.migrator.run.RunStatus;
import org.moderation.bi.migrator.transform.BundleTransformer;
import org.moderation.bi.migrator.transform.TransformResult;
import org.moderation.bi.migrator.validation.CheckResult;
import org.moderation.bi.migrator.validation.MigrationValidator;
import org.moderation.bi.migrator.validation.ValidationReport;

/**
 * A full load: every legacy post, chunk by chunk (read → transform → write), then the read model refresh and
 * validation. A full run that died part-way is continued from its last committed chunk by the next full run.
 */
@ApplicationScoped
public class FullLoad {

    private static final Logger LOG = Logger.getLogger(FullLoad.class);

    private final MigrationLock lock;
    private final RunRepository runs;
    private final LegacySchemaCheck schemaCheck;
    private final LegacyReferenceReader referenceReader;
    private final LegacyPostReader postReader;
    private final ChunkCommitter committer;
    private final ReadModelRefresher readModel;
    private final MigrationValidator validator;
    private final Event<ChunkCommitted> chunkCommitted;
    private final MigratorConfig config;

    public FullLoad(MigrationLock lock, RunRepository runs, LegacySchemaCheck schemaCheck,
            LegacyReferenceReader referenceReader, LegacyPostReader postReader, ChunkCommitter committer,
            ReadModelRefresher readModel, MigrationValidator validator, Event<ChunkCommitted> chunkCommitted,
            MigratorConfig config) {
        this.lock = lock;
        this.runs = runs;
        this.schemaCheck = schemaCheck;
        this.referenceReader = referenceReader;
        this.postReader = postReader;
        this.committer = committer;
        this.readModel = readModel;
        this.validator = validator;
        this.chunkCommitted = chunkCommitted;
        this.config = config;
    }

    public RunResult run() throws SQLException {
        try (var held = lock.acquire()) {
            int abandoned = runs.failAbandonedRuns();
            if (abandoned > 0) {
                LOG.warnf("marked %d run(s) left 'running' by a process that died as failed", abandoned);
            }
            schemaCheck.verify();
            OffsetDateTime legacyNow = referenceReader.now();
            Optional<RunRepository.Resumable> resumed = runs.resumableFullRun();
            long total = referenceReader.countPosts();
            long runId = runs.start(RunKind.FULL, legacyNow, resumed, total);
            try {
                resumed.ifPresent(r -> LOG.infof("run %d continues failed full run %d after legacy post %d",
                        runId, r.runId(), r.checkpointPostId()));
                long start = System.nanoTime();
                load(runId, resumed.map(RunRepository.Resumable::checkpointPostId).orElse(0L), total);
                long loaded = System.nanoTime();
                ReadModelRefresher.Refresh refresh = readModel.refresh(runId);
                long refreshed = System.nanoTime();
                ValidationReport report = validator.validate(runId, legacyNow);
                LOG.infof("run %d phases: load %.1f s, read model refresh %.1f s, validation %.1f s", runId,
                        (loaded - start) / 1e9, (refreshed - loaded) / 1e9, (System.nanoTime() - refreshed) / 1e9);
                runs.finish(runId, report.passed() ? RunStatus.SUCCEEDED : RunStatus.VALIDATION_FAILED,
                        report.passed() ? null : "validation failed: " + report.failures().stream()
                                .map(CheckResult::name).toList());
                return new RunResult(runId, refresh, report);
            } catch (SQLException | RuntimeException e) {
                runs.finish(runId, RunStatus.FAILED, e.getMessage());
                throw e;
            }
        }
    }

    private void load(long runId, long checkpoint, long total) throws SQLException {
        committer.commitReferenceData(runId, referenceReader.read());
        var progress = new RunProgress(runId, total, config.progressInterval());
        int chunkSize = config.chunkSize();
        // One page is read and transformed ahead while the previous one is written: the two overlap.
        try (ExecutorService readAhead = Executors.newSingleThreadExecutor(r -> new Thread(r, "legacy-read-ahead"))) {
            long after = checkpoint;
            Page page = readPage(after, chunkSize);
            while (true) {
                Long upTo = page.last(chunkSize) ? null : page.lastId();
                Future<Page> next = upTo == null ? null : readAhead.submit(() -> readPage(upTo, chunkSize));
                var counts = commitQuarantiningRejects(runId, after, upTo, page.chunk());
                progress.add(counts);
                chunkCommitted.fire(new ChunkCommitted(runId, upTo == null ? after : upTo, counts));
                if (next == null) {
                    break;
                }
                after = upTo;
                page = await(next);
            }
        }
        LOG.info(progress.line());
    }

    /** A transformed page of legacy posts; fewer posts than asked for means the legacy table ended. */
    private record Page(List<TransformResult> chunk, int read, long lastId) {
        boolean last(int chunkSize) {
            return read < chunkSize;
        }
    }

    private Page readPage(long after, int chunkSize) throws SQLException {
        List<LegacyPostWithReports> posts = postReader.readPage(after, chunkSize);
        return new Page(posts.stream().map(BundleTransformer::transform).toList(), posts.size(),
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

    /**
     * Commits a chunk; when the database rejects a value no transformer rule foresaw, halves the chunk until the
     * rejected post is alone and quarantines it with the database's reason, so one bad row never stops a run.
     */
    private ChunkCommitter.ChunkCounts commitQuarantiningRejects(long runId, long after, Long upTo,
            List<TransformResult> chunk) throws SQLException {
        try {
            return committer.commit(runId, after, upTo, chunk);
        } catch (SQLException e) {
            if (!RejectedValue.is(e)) {
                throw e;
            }
            if (chunk.size() == 1) {
                LOG.warnf("legacy post %d quarantined: the target database rejected it (%s)", chunk.getFirst().legacyId(),
                        e.getMessage());
                return committer.commit(runId, after, upTo, List.of(new TransformResult.Quarantined(
                        chunk.getFirst().legacyId(), "WRITE_REJECTED", RejectedValue.reason(e))));
            }
            int half = chunk.size() / 2;
            long middle = chunk.get(half - 1).legacyId();
            return commitQuarantiningRejects(runId, after, middle, chunk.subList(0, half))
                    .plus(commitQuarantiningRejects(runId, middle, upTo, chunk.subList(half, chunk.size())));
        }
    }
}
