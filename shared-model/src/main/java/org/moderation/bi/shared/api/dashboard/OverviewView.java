package org.moderation.bi.shared.api.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The executive overview of a window [from, to): what was submitted in it, what was taken down in it, and the
 * removal rate of its submissions, as the business rules define them, within the caller's scope.
 *
 * @param submissions      submissions whose submission time falls in the window
 * @param removed          submissions whose effective takedown time falls in the window
 * @param removalRate      share of the window's submissions that have an effective takedown (up to now); null when
 *                         the window has no submissions
 * @param takedownSources  the window's removals by takedown source ({@code report_flow}, {@code legacy_fallback})
 */
public record OverviewView(
        long submissions,
        long removed,
        Double removalRate,
        Map<String, Long> takedownSources,
        List<PlatformCounts> byPlatform,
        List<PlatformDetailCounts> byPlatformDetail,
        List<CommunityCounts> byCommunity,
        Window window,
        ScopeView scope,
        Freshness freshness) {

    public record Window(Instant from, Instant to) {
    }

    public record PlatformCounts(String platform, long submissions, long removed, Double removalRate) {
    }

    public record PlatformDetailCounts(String platformDetail, long submissions, long removed, Double removalRate) {
    }

    /** @param community the community's slug; null for submissions that belong to no community */
    public record CommunityCounts(String community, long submissions, long removed, Double removalRate) {
    }

    /**
     * When the read model was last refreshed, how long that took, and how old it is now.
     *
     * @param refreshedAt null when the read model has never been refreshed
     */
    public record Freshness(Instant refreshedAt, Long refreshDurationMs, Long ageSeconds) {
    }
}
