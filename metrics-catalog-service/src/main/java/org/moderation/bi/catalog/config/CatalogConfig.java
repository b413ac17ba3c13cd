package org.moderation.bi.catalog.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "catalog")
public interface CatalogConfig {

    ReadModel readModel();

    /** The token claim holding a community manager's community slugs (an array), as bi-service reads it. */
    @WithDefault("communities")
    String communitiesClaim();

    interface ReadModel {

        /** Each query of the read model (the communities a definition names) runs at most this long. */
        @WithDefault("2s")
        Duration statementTimeout();

        /**
         * A preview's statements (a draft over the last 30 days, and over all time to tell whether it ever counted
         * anything: a median reads every fact) run at most this long each.
         */
        @WithDefault("15s")
        Duration previewTimeout();
    }
}
