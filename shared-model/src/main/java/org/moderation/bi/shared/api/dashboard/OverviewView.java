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
 * @param removalRate      share of the window's submissions taken down within 14 days of their submission (the
 *                         built-in removal_rate, v2); null when the window has no submissions; the breakdowns' rates
 *                         likewise
 * @param takedownSources  the window's removals by takedown source ({@code report_flow}, {@code legacy_fallback})
 * @param provenance       per number ({@code submissions}, {@code removed}, {@code removalRate},
 *                         {@code takedownSources}; the breakdowns' columns are the same metrics): its definition and
 *                         what it was summed from
 * @param removalRateMaturity whether the window's submissions are all 14 days old: every removal rate of the overview
 *                         (the total's and each row's) is immature until then
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
        Freshness freshness,
        Map<String, NumberProvenance> provenance,
        MaturityView removalRateMaturity) {

    public record Window(Instant from, Instant to) {
    }

    public record PlatformCounts(String platform, long submissions, long removed, Double removalRate) {
    }

    public record PlatformDetailCounts(String platformDetail, long submissions, long removed, Double removalRate) {
    }

    /**
     * @param community the community's slug; null for submissions that belong to no community
     * @param label     what to show: the community's name, or {@code "no community"} for the null row
     */
    public record CommunityCounts(String community, String label, long submissions, long removed, Double removalRate) {
    }

    /**
     * Which version of the read model answered, when the last change reached it (the migrator writes changes in the
     * same transaction as the data, so this is when the data last changed), and how long ago that was; and as of when
     * a migration run last found it equal to the legacy database (a quiet day changes nothing, yet is current).
     *
     * @param version            null when the service has not read the read model's version yet
     * @param changedAt          null likewise
     * @param verifiedAt         null until a run has succeeded
     * @param verifiedAgeSeconds null likewise
     * @param live               whether legacy changes stream into the read model within seconds now
     * @param feed               how the read model follows the legacy database, in words: "live", or how often it is
     *                           polled ("polling every 5 min"); null when the service has not read it yet
     */
    public record Freshness(Long version, Instant changedAt, Long ageSeconds, Instant verifiedAt,
            Long verifiedAgeSeconds, boolean live, String feed) {
    }
}
