package org.moderation.bi.shared.api.migration;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A migration run as the admin API shows it: what it covers, how far it got, what its reconciliation repaired, and
 * how validation judged it.
 *
 * @param reconciliation null until the run has reconciled
 * @param validation     empty until the run has validated
 */
public record RunView(
        long id,
        String kind,
        String status,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        Window window,
        Counts counts,
        Progress progress,
        Long resumedFromRunId,
        String error,
        boolean massDeleteRefused,
        ReconciliationView reconciliation,
        List<ValidationResultView> validation) {

    /**
     * The legacy window of the run's fast path: {@code from} null for a full load (everything), a reconciliation
     * and an audit (which compare everything); {@code to} is the legacy clock when the run began.
     */
    public record Window(OffsetDateTime from, OffsetDateTime to) {
    }

    /**
     * What the run did with each legacy post it looked at; they add up: {@code postsRead} = {@code
     * submissionsWritten} + {@code postsUnchanged} + {@code quarantined} + {@code submissionsSoftDeleted}, and
     * {@code submissionsRestored} (soft-deleted submissions whose post is back) are among the written.
     *
     * @param postsTotal how many posts the run has found to look at so far (it grows when a reconciliation finds
     *                   posts to repair, or posts arrive during a full load), never below {@code postsRead}
     */
    public record Counts(long postsTotal, long postsRead, long submissionsWritten, long postsUnchanged,
            long quarantined, long submissionsSoftDeleted, long submissionsRestored, long reportsWritten) {
    }

    /** Rate over the run so far; a finished run is at 100 percent, even one that had nothing to look at. */
    public record Progress(double percent, double postsPerSecond, Long secondsLeft) {
    }
}
