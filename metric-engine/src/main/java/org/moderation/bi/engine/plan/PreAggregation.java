package org.moderation.bi.engine.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.Vocabulary.Grain;

/**
 * The read model's pre-aggregations, declared once for the engine: the same list as the rows of the read model's
 * {@code read_model_rollups} (a test checks that they agree). Each keeps the {@link Counter}s of the facts per bucket
 * of its unit (UTC) and per value of its dimensions; the engine reads the tables and takes back, once per statement, a
 * removal whose takedown is dated after now (what each rollup's "now" view does for other readers).
 */
public enum PreAggregation {
    HOURLY("hourly", "mv_hourly_rollup", "hour", Grain.HOUR, Dimensions.ALL, Duration.ofDays(8)),
    DAILY("daily", "mv_daily_rollup", "day", Grain.DAY, Dimensions.ALL, null),
    DAILY_BY_COMMUNITY("daily_by_community", "mv_daily_by_community_rollup", "day", Grain.DAY,
            Set.of(Column.COMMUNITY), null),
    DAILY_BY_PLATFORM("daily_by_platform", "mv_daily_by_platform_rollup", "day", Grain.DAY, Dimensions.PLATFORMS,
            null),
    DAILY_TOTAL("daily_total", "mv_daily_total_rollup", "day", Grain.DAY, Set.of(), null),
    WEEKLY("weekly", "mv_weekly_rollup", "week", Grain.WEEK, Dimensions.ALL, null),
    WEEKLY_BY_COMMUNITY("weekly_by_community", "mv_weekly_by_community_rollup", "week", Grain.WEEK,
            Set.of(Column.COMMUNITY), null),
    WEEKLY_BY_PLATFORM("weekly_by_platform", "mv_weekly_by_platform_rollup", "week", Grain.WEEK,
            Dimensions.PLATFORMS, null),
    MONTHLY("monthly", "mv_monthly_rollup", "month", Grain.MONTH, Dimensions.ALL, null),
    MONTHLY_BY_COMMUNITY("monthly_by_community", "mv_monthly_by_community_rollup", "month", Grain.MONTH,
            Set.of(Column.COMMUNITY), null),
    MONTHLY_BY_PLATFORM("monthly_by_platform", "mv_monthly_by_platform_rollup", "month", Grain.MONTH,
            Dimensions.PLATFORMS, null);

    /** What a rollup may be grouped and filtered by, at most. */
    public static final class Dimensions {
        public static final Set<Column> ALL = Set.of(Column.COMMUNITY, Column.PLATFORM, Column.PLATFORM_DETAIL);
        /** The platform group and the specific platform within it, kept together. */
        public static final Set<Column> PLATFORMS = Set.of(Column.PLATFORM, Column.PLATFORM_DETAIL);

        private Dimensions() {
        }
    }

    /** The engine reads a rollup with a horizon a day inside it: clocks that disagree move its edge. */
    private static final Duration MARGIN = Duration.ofDays(1);

    private final String declaredName;
    private final String relation;
    private final String timeColumn;
    private final Grain unit;
    private final Set<Column> dimensions;
    private final Duration horizon;

    PreAggregation(String declaredName, String relation, String timeColumn, Grain unit, Set<Column> dimensions,
            Duration horizon) {
        this.declaredName = declaredName;
        this.relation = relation;
        this.timeColumn = timeColumn;
        this.unit = unit;
        this.dimensions = dimensions;
        this.horizon = horizon;
    }

    /** Its name in {@code read_model_rollups}. */
    public String declaredName() {
        return declaredName;
    }

    /** The kept table, as people know it (and as provenance names it). */
    public String relation() {
        return relation;
    }

    public String timeColumn() {
        return timeColumn;
    }

    public Grain unit() {
        return unit;
    }

    public Set<Column> dimensions() {
        return dimensions;
    }

    /** How far back it keeps buckets (from the start of that UTC day); null: all of them. */
    public Duration horizon() {
        return horizon;
    }

    /** The earliest instant the engine reads from it, or null when it keeps everything. */
    public Instant readableFrom(Instant now) {
        return horizon == null ? null : now.minus(horizon.minus(MARGIN));
    }
}
