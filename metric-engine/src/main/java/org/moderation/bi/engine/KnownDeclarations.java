package org.moderation.bi.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.moderation.bi.engine.plan.PreAggregations;
import org.moderation.bi.engine.sql.Declarations;

/**
 * The read model's declarations of its pre-aggregations as a service knows them: read again once they are a minute
 * old (a migration may have declared or dropped one meanwhile), and at once after a relation went missing. While they
 * cannot be read (a service deployed before the migration that lets it), there are none: every count is read from
 * the facts, slower but never wrong, and the failure is logged once, not per request.
 */
final class KnownDeclarations {

    static final Duration FRESH = Duration.ofMinutes(1);

    private static final System.Logger LOG = System.getLogger(KnownDeclarations.class.getName());

    private record Known(PreAggregations declared, Instant readAt, boolean failed) {
    }

    private final AtomicReference<Known> known = new AtomicReference<>();
    private final Clock clock;
    private final int timeoutSeconds;

    KnownDeclarations(Clock clock, int timeoutSeconds) {
        this.clock = clock;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** The declarations, read on {@code connection} (outside any transaction) when those known are too old. */
    PreAggregations get(Connection connection) {
        Known seen = known.get();
        Instant now = clock.instant();
        if (seen != null && now.isBefore(seen.readAt().plus(FRESH))) {
            return seen.declared();
        }
        Known read;
        try {
            PreAggregations declared = Declarations.read(connection, timeoutSeconds);
            if (!declared.ignored().isEmpty() && (seen == null || !declared.ignored().equals(seen.declared()
                    .ignored()))) {
                LOG.log(System.Logger.Level.WARNING, "pre-aggregations {0} are declared but cannot be read as such "
                        + "(unknown unit or dimension, or no grant): their counts come from the others", declared.ignored());
            }
            read = new Known(declared, now, false);
        } catch (SQLException e) {
            if (seen == null || !seen.failed()) {
                LOG.log(System.Logger.Level.WARNING, "the read model''s pre-aggregations could not be read ({0}); "
                        + "counting from the facts until they can", e.getMessage());
            }
            read = new Known(PreAggregations.none(), now, true);
        }
        // Another request may have read them, or forgotten them, meanwhile: theirs stands.
        known.compareAndSet(seen, read);
        return read.declared();
    }

    /** A relation went missing: the next snapshot reads the declarations again. */
    void forget() {
        known.set(null);
    }
}
