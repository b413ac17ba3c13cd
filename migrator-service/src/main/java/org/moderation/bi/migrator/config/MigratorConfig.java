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

    interface Validation {
        /** The trailing window over which the removal rate is compared, ending at the run's legacy "now". */
        @WithDefault("30d")
        Duration removalRateWindow();
    }
}
