package org.moderation.bi.migrator.validation;

import java.util.SortedMap;

/**
 * The numbers leadership relies on, computed the same way from either side: removals (total, per UTC month of
 * the effective takedown, per takedown source), the trailing removal rate and submissions per community.
 */
public record BusinessFigures(
        long submissions,
        long removed,
        SortedMap<String, Long> removedByMonth,
        SortedMap<String, Long> removedBySource,
        RemovalRate removalRate,
        SortedMap<String, Long> submissionsByCommunity,
        long removedStatusWithoutTakedown) {

    /** Among submissions created in the window, how many have an effective takedown up to the window's end. */
    public record RemovalRate(String from, String to, long submitted, long removed) {
        public Double rate() {
            return submitted == 0 ? null : (double) removed / submitted;
        }
    }

    /** The community key used when a submission has no community (rows imported before communities existed). */
    public static final String NO_COMMUNITY = "(none)";
}
