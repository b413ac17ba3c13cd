package org.moderation.bi.dashboard.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "bi")
public interface BiConfig {

    /** Every read-model query runs with this statement timeout, set for its own transaction only. */
    @WithDefault("5s")
    Duration statementTimeout();

    /**
     * How often the service looks whether the read model's version moved (and forgets its kept answers);
     * {@code off} stops looking (tests poll themselves).
     */
    @WithDefault("5s")
    String freshnessPoll();

    /** At most this many cached answers; past it the cache starts again empty. 0 keeps none (every request queries). */
    @WithDefault("10000")
    int cachedAnswers();

    /** The token claim holding a community manager's community slugs (an array). */
    @WithDefault("communities")
    String communitiesClaim();

    /** A metric query answers at most this many rows; a bigger answer is refused as too large, never cut short. */
    @WithDefault("10000")
    int metricRowCap();

    /**
     * When no migration run has verified the read model for longer than this, the service reports degraded on
     * {@code /q/health/well}.
     */
    @WithDefault("1h")
    Duration readModelMaxAge();
}
