package org.moderation.bi.shared.api.migration;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A migration run as the admin API shows it: what it covers, how far it got, and how validation judged it.
 *
 * @param readModelRefresh null when the run did not refresh the read model (nothing changed, or not there yet)
 * @param validation       empty while the run is loading
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
        RefreshView readModelRefresh,
        List<ValidationResultView> validation) {

    /** The legacy window: {@code from} null for a full load; {@code to} is the legacy clock when the run began. */
    public record Window(OffsetDateTime from, OffsetDateTime to) {
    }

    public record Counts(long postsTotal, long postsRead, long submissionsWritten, long reportsWritten,
            long quarantined) {
    }

    /** Rate over the run so far; percent and time left are null when the run has nothing to look at. */
    public record Progress(Double percent, double postsPerSecond, Long secondsLeft) {
    }
}
