package org.moderation.bi.catalog.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "catalog")
public interface CatalogConfig {

    ReadModel readModel();

    interface ReadModel {

        /** Each query of the read model (the communities a definition names) runs at most this long. */
        @WithDefault("2s")
        Duration statementTimeout();
    }
}
