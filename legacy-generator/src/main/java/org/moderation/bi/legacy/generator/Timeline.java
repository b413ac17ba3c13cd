package org.moderation.bi.legacy.generator;

import java.time.Duration;
import java.time.Instant;

/** Where posts fall in time: from 2021 to {@code now}, denser in recent years, with a busy last month. */
final class Timeline {

    static final Instant HISTORY_START = Instant.parse("2021-01-01T00:00:00Z");
    /** Rows created before this were imported from spreadsheets and carry quirk 7. */
    static final Instant IMPORT_END = Instant.parse("2022-01-01T00:00:00Z");
    /** From here on takedowns are recorded on reports (quirk 1). */
    static final Instant REPORT_FLOW_START = Instant.parse("2024-03-01T00:00:00Z");
    /** The classifier switched from the v1 to the v2 JSON shape around here (quirk 4). */
    static final Instant ANALYSIS_V2_START = Instant.parse("2023-06-01T00:00:00Z");

    static final long MINUTE = 60;
    static final long HOUR = 3_600;
    static final long DAY = 86_400;

    /** Share of posts placed in the last 30 days, so "recent" dashboards always have data. */
    private static final double RECENT_SHARE = 0.04;
    /** Slope of the linearly growing density: the newest day is (1 + K) times as busy as the first. */
    private static final double K = 2.0;

    private final long start;
    private final long recentStart;
    private final long end;

    Timeline(Instant now) {
        this.start = HISTORY_START.getEpochSecond();
        this.end = now.minus(Duration.ofHours(1)).getEpochSecond();
        this.recentStart = now.minus(Duration.ofDays(30)).getEpochSecond();
    }

    /**
     * created_at of the post at {@code index} out of {@code total}; non-decreasing in the index, so
     * ids follow submission order as they did in production.
     */
    Instant createdAt(int index, int total, Chance chance) {
        double u = (index + chance.unit()) / total;
        if (u >= 1.0 - RECENT_SHARE) {
            double f = (u - (1.0 - RECENT_SHARE)) / RECENT_SHARE;
            return Instant.ofEpochSecond(recentStart + (long) (f * (end - recentStart)));
        }
        double v = u / (1.0 - RECENT_SHARE);
        // inverse of the CDF of a density proportional to 1 + K x on [0, 1]
        double x = (-1.0 + StrictMath.sqrt(1.0 + 2.0 * K * v * (1.0 + K / 2.0))) / K;
        return Instant.ofEpochSecond(start + (long) (x * (recentStart - start)));
    }

    static Instant later(Instant t, long seconds) {
        return Instant.ofEpochSecond(t.getEpochSecond() + seconds);
    }

    static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** Uniform instant in [from, to]. */
    static Instant between(Instant from, Instant to, Chance chance) {
        long a = from.getEpochSecond();
        long b = to.getEpochSecond();
        return Instant.ofEpochSecond(chance.betweenLong(a, b + 1));
    }
}
