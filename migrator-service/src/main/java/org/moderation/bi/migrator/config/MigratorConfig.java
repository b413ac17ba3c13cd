package org.moderation.bi.migrator.config;

import java.time.Duration;

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

    Validation validation();

    Health health();

    interface Health {
        /** Older than this, the last successful run makes the wellness check report DOWN (degraded, not dead). */
        @WithDefault("1h")
        Duration maxSuccessAge();
    }

    Delta delta();

    interface Delta {
        /** How far before the last watermark a delta re-reads, to catch rows committed late with an older updated_at. */
        @WithDefault("10m")
        Duration overlap();

        /** When scheduled deltas run (Quartz-style cron, UTC); {@code off} disables them. */
        @WithDefault("0 */5 * * * ?")
        String cron();
    }

    interface Validation {
        /** The trailing window over which the removal rate is compared, ending at the run's legacy "now". */
        @WithDefault("30d")
        Duration removalRateWindow();
    }
}
