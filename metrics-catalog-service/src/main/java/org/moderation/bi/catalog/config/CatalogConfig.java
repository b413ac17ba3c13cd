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

    AlertRules alertRules();

    /**
     * The most alert rules that are not deprecated one person (who created them) and one community (that a version
     * watches) may hold: what one person's script, or one community, costs every evaluation round and every list.
     */
    interface AlertRules {

        /** A community manager's; a superadmin's rules have no such budget. */
        @WithDefault("100")
        int perPerson();

        /** Whoever wrote them, superadmins too; a rule over every community counts against none. */
        @WithDefault("100")
        int perCommunity();
    }

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
