package org.moderation.bi.migrator.validation;

import java.util.SortedMap;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The numbers leadership relies on, computed independently on either side: submissions, removals (total, per UTC
 * month of the effective takedown, per takedown source), the removal rate of a window of whole UTC days and
 * submissions per community. Written to {@code validation_results} by a plain ObjectMapper, hence registered for
 * reflection in a native image (with its nested records).
 */
@RegisterForReflection(serialization = true)
public record BusinessFigures(
        long submissions,
        long removed,
        SortedMap<String, Long> removedByMonth,
        SortedMap<String, Long> removedBySource,
        RemovalRate removalRate,
        SortedMap<String, Long> submissionsByCommunity) {

    /** Among submissions created in [from, to), how many have an effective takedown up to {@code asOf}. */
    public record RemovalRate(String from, String to, String asOf, long submitted, long removed) {
        public Double rate() {
            return submitted == 0 ? null : (double) removed / submitted;
        }
    }

    /** The community key used when a submission has no community (rows imported before communities existed). */
    public static final String NO_COMMUNITY = "(none)";
}
