package org.moderation.bi.dashboard.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "bi")
public interface BiConfig {

    /** Every read-model query runs with this statement timeout, set for its own transaction only. */
    @WithDefault("5s")
    Duration statementTimeout();

    /**
     * How often the service reads the read model's version (for health, the age gauges, open pages and alert rules,
     * which look again when it moves) and how the migrator keeps it current; {@code off} stops looking (tests poll
     * themselves). Answers read the version in their own snapshot.
     */
    @WithDefault("500ms")
    String freshnessPoll();

    /**
     * Kept answers hold at most this many values, rows and points in all (the least used go first), each answer
     * counting 10 more for its question; 0 keeps none (every request queries). A value is a few hundred bytes of heap
     * (BENCHMARKS.md: at most about 380), so the default keeps about 40 MB at most. An answer is kept under the data
     * version of its window, so a change elsewhere does not cost it; for at most {@link #keptAnswersFor()}.
     */
    @WithDefault("100000")
    int keptValues();

    /** How long an answer is kept at most: "removed by now" and "today so far" move with the clock, not the data. */
    @WithDefault("10m")
    Duration keptAnswersFor();

    /**
     * Whether a kept answer still holds is decided by the versions of its window's months, read at most once per
     * months in this time: a committed change reaches kept answers about this much later, and a kept answer costs
     * the database nothing in between. {@code 0s} reads them at every request.
     */
    @WithDefault("1s")
    Duration keptAnswersLag();

    /**
     * Bearer tokens quarkus-oidc has checked, kept with the identity it made of them so that a client's next requests
     * with the same token skip the check: at most this many tokens (the least used go first); 0 keeps none.
     */
    @WithDefault("1000")
    int verifiedTokens();

    /**
     * How long a checked token is taken on trust at most, never past its expiry: this long, a signing key the provider
     * withdraws still admits the tokens it signed and that were already seen.
     */
    @WithDefault("1m")
    Duration verifiedTokensFor();

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

    /** CSV exports of whole lists: spooled to a file, then sent from it. */
    Exports exports();

    /** Open pages told when the read model changes (Server-Sent Events): each holds a connection, so they are bounded. */
    Live live();

    interface Live {

        /** Pages listening at once in this instance; one more is refused with a 503 and tries again later. */
        @WithDefault("500")
        int maxListeners();

        /** Pages one person (token subject) may have listening at once (tabs); one more is a 429. */
        @WithDefault("5")
        int perCaller();

        /**
         * The longest one listening lasts (never past its token's expiry): then the page listens again, with a token
         * checked again.
         */
        @WithDefault("10m")
        Duration maxDuration();

        /** How often a listening page is sent the current feed (live or polled), which also keeps proxies open. */
        @WithDefault("15s")
        Duration heartbeat();
    }

    /** Alert rules from the catalog, evaluated through the metric engine (alerts/AlertEvaluator). */
    Alerts alerts();

    interface Alerts {

        /**
         * How often every published rule is looked at besides each change of the read model (rolling windows move
         * with time, pending rules ripen); {@code off} stops the schedule (tests evaluate themselves).
         */
        @WithDefault("1m")
        String interval();

        /**
         * A bearer token the evaluator reads alert rules and metric definitions with (it has no caller); from a
         * Secret (BI_ALERTS_CATALOG_TOKEN). Without it, a client-credentials grant ({@link #client()}); without
         * either, the evaluator reads no rules and says so in its log.
         */
        Optional<String> catalogToken();

        /** The evaluator's own OIDC client: a client-credentials grant at the provider's token endpoint. */
        Client client();

        interface Client {

            /** The provider's token endpoint, e.g. https://sso.example.org/realms/moderation/protocol/openid-connect/token. */
            Optional<String> tokenUrl();

            Optional<String> clientId();

            /** From a Secret (BI_ALERTS_CLIENT_CLIENT_SECRET), never committed. */
            Optional<String> clientSecret();
        }

        /** How many alert rules the evaluator asks the catalog for a page (the catalog's most: 5,000). */
        @WithDefault("5000")
        int catalogPageSize();

        /** The longest a rule's 90-day preview may read before it is refused. */
        @WithDefault("20s")
        Duration previewBudget();

        /**
         * Previews one person may start in any minute (one at a time, two on a replica): enough to try a rule's
         * threshold a few times over, not to keep the database busy with one after another.
         */
        @WithDefault("20")
        int previewsAMinute();

        /**
         * How long a firing rule keeps firing once it is stale because a round could not evaluate it (the catalog
         * or its token unavailable): long enough that an outage resolves no alert, short enough that an alert
         * nobody can check again does not ring for ever ({@code bi_alert_stale} says it meanwhile).
         */
        @WithDefault("1h")
        Duration staleGrace();

        /** How long the rules' changes of state are kept (the page's alert history). */
        @WithDefault("400d")
        Duration historyRetention();

        /** The PostgreSQL advisory lock (on the read-model database) that makes one replica the evaluator. */
        @WithDefault("2121212121")
        long lockKey();
    }

    interface Exports {

        /**
         * Where exports are spooled while they are read and sent; emptied of leftovers at start-up, so no two running
         * instances may share it.
         */
        @WithDefault("${java.io.tmpdir}/bi-exports")
        Path directory();

        /** A larger export is refused (narrow the window); the spool directory holds at most overall × this. */
        @WithDefault("128M")
        MemorySize maxSize();

        /** Exports one caller (token subject) may have running, spooling or downloading, at once. */
        @WithDefault("2")
        int perCaller();

        /**
         * Exports running at once in this instance: each holds a pool connection while it spools, so this stays well
         * below {@code quarkus.datasource.jdbc.max-size} and the dashboard keeps connections while exports run.
         */
        @WithDefault("8")
        int overall();

        /**
         * Exports one caller may start in any minute: at most two at once still lets one person spool export after
         * export, keeping the database busy for everyone.
         */
        @WithDefault("12")
        int perCallerAMinute();

        /** What a refused export is told to wait before trying again (Retry-After). */
        @WithDefault("10s")
        Duration retryAfter();

        /**
         * A download of which not a byte moved for this long is closed, and its slot given back: a client that stops
         * reading holds a slot no longer than this, while one that reads slowly keeps it.
         */
        @WithDefault("15s")
        Duration stallTimeout();
    }
}
