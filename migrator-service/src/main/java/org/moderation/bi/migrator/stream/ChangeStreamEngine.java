package org.moderation.bi.migrator.stream;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.ChangeEventFormat;

import org.moderation.bi.migrator.config.MigratorConfig;
import org.moderation.bi.migrator.legacy.LegacyConnectionSettings;
import org.moderation.bi.migrator.legacy.LegacyReplication;

/**
 * Debezium's embedded engine with its PostgreSQL connector, on a thread of its own: pgoutput from the migrator's
 * publication through its named slot, from where the slot stands (no snapshot: the full load is the snapshot), with
 * transaction boundaries, and without Kafka. Offsets are kept in memory only: what the legacy server has been told
 * is applied (the slot's confirmed position) never passes what the target committed, so a new engine starts from
 * the slot, and {@link ChangeBatches} skips what the target's position already covers.
 */
final class ChangeStreamEngine {

    private static final Logger LOG = Logger.getLogger(ChangeStreamEngine.class);
    private static final String TOPIC_PREFIX = "legacy";

    private final DebeziumEngine<?> engine;
    private final ChangeBatches batches;
    private final ExecutorService thread;
    private volatile boolean started;

    private ChangeStreamEngine(Properties properties, ChangeBatches batches, DebeziumEngine.CompletionCallback ended) {
        this.batches = batches;
        this.engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(properties)
                .notifying(batches)
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void taskStarted() {
                        started = true;
                    }
                })
                .using(ended)
                .build();
        this.thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "legacy-stream"));
    }

    static ChangeStreamEngine start(LegacyConnectionSettings settings, LegacyReplication replication,
            MigratorConfig.Stream config, ChangeBatches batches, DebeziumEngine.CompletionCallback ended) {
        var stream = new ChangeStreamEngine(properties(settings, replication, config), batches, ended);
        stream.thread.execute(stream.engine);
        return stream;
    }

    /** Whether the connector's task runs (it has connected to the slot). */
    boolean started() {
        return started;
    }

    /** The age of the oldest legacy change received and not yet applied; 0 when none waits. */
    long secondsBehind() {
        Instant oldest = batches.oldestWaiting();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, Instant.now()).toSeconds());
    }

    /** Stops the connector and waits for its thread; what it had not applied comes again from the slot. */
    void stop() {
        try {
            engine.close();
        } catch (IOException e) {
            LOG.warnf("the stream's engine did not close cleanly: %s", e.getMessage());
        }
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static Properties properties(LegacyConnectionSettings settings, LegacyReplication replication,
            MigratorConfig.Stream config) {
        var properties = new Properties();
        properties.setProperty("name", "moderation-migrator");
        properties.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        properties.setProperty("offset.storage", "org.apache.kafka.connect.storage.MemoryOffsetBackingStore");
        // Each batch's offsets are committed (and the slot told) as soon as the batch is finished.
        properties.setProperty("offset.flush.interval.ms", "0");
        properties.setProperty("topic.prefix", TOPIC_PREFIX);
        properties.setProperty("database.hostname", settings.host());
        properties.setProperty("database.port", Integer.toString(settings.port()));
        properties.setProperty("database.dbname", settings.database());
        properties.setProperty("database.user", settings.user());
        properties.setProperty("database.password", settings.password());
        settings.ssl().forEach((parameter, value) -> properties.setProperty("database." + parameter, value));
        properties.setProperty("plugin.name", "pgoutput");
        properties.setProperty("slot.name", replication.slotName());
        properties.setProperty("publication.name", replication.publicationName());
        // The migrator makes its publication and slot itself, and says why where it cannot.
        properties.setProperty("publication.autocreate.mode", "disabled");
        properties.setProperty("slot.drop.on.stop", "false");
        properties.setProperty("snapshot.mode", "no_data");
        properties.setProperty("table.include.list", LegacyReplication.TABLES.stream().map(t -> "public." + t)
                .reduce((a, b) -> a + "," + b).orElseThrow());
        properties.setProperty("provide.transaction.metadata", "true");
        properties.setProperty("tombstones.on.delete", "false");
        properties.setProperty("poll.interval.ms", Long.toString(config.pollInterval().toMillis()));
        // A failure stops the engine, so that the supervisor says so and starts it again, rather than retrying unseen.
        properties.setProperty("errors.max.retries", "0");
        // Likewise a slot still held by a consumer (by default the connector retries for a minute, saying "starting"):
        // the supervisor ends a consumer left from this process's own engine and starts again.
        properties.setProperty("slot.max.retries", "1");
        properties.setProperty("slot.retry.delay.ms", "1000");
        if (!config.heartbeatInterval().isZero()) {
            properties.setProperty("heartbeat.interval.ms", Long.toString(config.heartbeatInterval().toMillis()));
            config.heartbeatActionQuery().ifPresent(query -> properties.setProperty("heartbeat.action.query", query));
        }
        return properties;
    }
}
