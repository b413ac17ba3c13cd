package org.moderation.bi.dashboard.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "bi")
public interface BiConfig {

    /** Every read-model query runs with this statement timeout, set for its own transaction only. */
    @WithDefault("5s")
    Duration statementTimeout();

    /** The token claim holding a community manager's community slugs (an array). */
    @WithDefault("communities")
    String communitiesClaim();
}
