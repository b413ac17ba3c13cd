package org.moderation.bi.migrator.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "migrator")
public interface MigratorConfig {

    /** Legacy posts per chunk: one read, one transaction, one checkpoint. */
    @WithDefault("2000")
    int chunkSize();

    /** How often a running load logs its progress. */
    @WithDefault("10s")
    Duration progressInterval();

    Bulk bulk();

    interface Bulk {
        /**
         * Whether a full load into an empty target writes its rows alone and builds the read model and the
         * reconciliation buckets once at the end; off, it keeps them current chunk by chunk (dashboards see it grow).
         */
        @WithDefault("true")
        boolean enabled();

        /** Writer connections of a bulk load, each committing whole chunks of consecutive legacy ids. */
        @WithDefault("2")
        int writers();

        /** The longest a build of the whole read model (a bulk load's final one, or a rebuild) may take. */
        @WithDefault("30m")
        Duration buildTimeout();
    }

    Validation validation();

    Health health();

    interface Health {
        /** Older than this, the last successful run makes the wellness check report DOWN (degraded, not dead). */
        @WithDefault("1h")
        Duration maxSuccessAge();

        /** Older than this, the last successful audit makes the wellness check report DOWN. */
        @WithDefault("26h")
        Duration maxAuditAge();
    }

    Delta delta();

    interface Delta {
        /**
         * How far before the last watermark a delta's fast path re-reads. Late commits older than this are caught
         * by the reconciliation instead; the overlap only keeps them cheap.
         */
        @WithDefault("10m")
        Duration overlap();

        /** When scheduled deltas run (Quartz-style cron, UTC); {@code off} disables them. */
        @WithDefault("0 */5 * * * ?")
        String cron();
    }

    Reconciliation reconciliation();

    interface Reconciliation {
        /** Legacy post ids per bucket: both sides are summarised per bucket, differing buckets listed post by post. */
        @WithDefault("1000")
        int bucketSize();
    }

    DeletionGuard deletionGuard();

    interface DeletionGuard {
        /**
         * The largest share of live submissions (and of live reports) one run may soft-delete; above it, or when the
         * legacy database has no posts at all, the run deletes nothing and fails until an operator allows it.
         */
        @WithDefault("0.05")
        double maxShare();
    }

    Stream stream();

    interface Stream {
        /**
         * Whether legacy changes stream from the legacy database's logical replication (a publication and a named
         * slot on it; {@code wal_level=logical} and the REPLICATION attribute there). Off, or where the legacy
         * database cannot stream, scheduled deltas poll.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * Whether this process consumes the stream: the service does, one at a time across replicas; a one-shot
         * command only creates the slot before a full load reads.
         */
        @WithDefault("true")
        boolean consume();

        /** The replication slot on the legacy database: lower-case letters, digits and underscores. */
        @WithDefault("moderation_migrator")
        String slot();

        /** The publication of the four legacy tables the migrator reads. */
        @WithDefault("moderation_migrator")
        String publication();

        /** How long the connector waits for more changes before it hands over those it has. */
        @WithDefault("100ms")
        Duration pollInterval();

        /** The most legacy transactions one target transaction applies (each also bounded by the chunk size). */
        @WithDefault("500")
        int maxTransactionsPerBatch();

        /**
         * While the stream is live, a scheduled delta (the backstop: a fast path and a reconciliation) runs only when
         * the last completed run is older than this; otherwise deltas run on their cron as without a stream.
         */
        @WithDefault("30m")
        Duration backstopEvery();

        /** How long after a failure (or a prerequisite missing on the legacy database) the stream is tried again. */
        @WithDefault("30s")
        Duration retryEvery();

        /**
         * Heartbeats for a legacy database whose other tables keep writing while these four are quiet: without a
         * change the slot cannot move and keeps WAL. 0 turns them off; with {@code heartbeat-action-query} (e.g. an
         * UPDATE of a one-row table in the publication) each heartbeat is a change the slot moves past.
         */
        @WithDefault("0s")
        Duration heartbeatInterval();

        Optional<String> heartbeatActionQuery();

        /**
         * How long a run waits for the stream's batch in flight to commit before it gives up (a batch holds the
         * target's write lock from its legacy read to its commit, so that a run never writes older data over it).
         */
        @WithDefault("60s")
        Duration writeLockWait();

        /** How many of the latest applied legacy transactions {@code stream_applied_transactions} keeps. */
        @WithDefault("100000")
        int appliedTransactionsKept();

        /**
         * How often the stream merges what its writes left pending in the read model's GIN indexes (every scan of an
         * index reads its whole pending list, up to 4 MB): at most this often, and only after it applied changes;
         * 0 after every batch. A run merges at its end whatever the stream has not.
         */
        @WithDefault("1m")
        Duration mergePendingEvery();
    }

    Audit audit();

    interface Audit {
        /** When the scheduled audit runs (Quartz-style cron, UTC); {@code off} disables it. */
        @WithDefault("0 30 2 * * ?")
        String cron();
    }

    interface Validation {
        /** The trailing window of whole UTC days over which the removal rate is compared, ending before today. */
        @WithDefault("30d")
        Duration removalRateWindow();

        /**
         * The statement timeout of the read model's figures computed by the metric engine (validation's target side
         * and the headline numbers): they scan the facts where quarantined posts must be left out.
         */
        @WithDefault("10m")
        Duration figuresTimeout();
    }
}
