package org.moderation.bi.dashboard.alerts;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

import org.moderation.bi.dashboard.readmodel.TimeWindow;
import org.moderation.bi.engine.Maturity;
import org.moderation.bi.shared.alerts.AlertCondition;
import org.moderation.bi.shared.alerts.AlertRuleDefinition;
import org.moderation.bi.shared.alerts.AlertWindow;
import org.moderation.bi.shared.metrics.Horizon;

/**
 * The windows a rule reads at a moment: its own, and for a change condition the one {@code periodsBack} windows
 * earlier (null otherwise). Calendar units are drawn in the rule's zone, so a day across a DST change is 23 or 25
 * hours. A calendar window runs to the end of its unit: nothing after now is counted yet, and the window then stays
 * put while the unit lasts (its answer changes only with the data). A rolling window ends with the minute under way,
 * so that what arrived a moment ago counts at the next change of the read model, not a minute later.
 * <p>
 * A metric with a horizon (removal_rate: within 14 days of submission) is complete for a window only once its
 * submissions are all the horizon old: a window ending now always reads low, and a rule on it would fire for time not
 * yet passed. So unless the rule asks for immature windows, both windows move back to the latest ones of their
 * length whose submissions are all that old: a rolling window ends at the horizon's distance from now, a calendar one
 * is the latest whole unit that ended at least the horizon ago. {@code mature} says which was judged.
 *
 * @param mature whether the windows' cohorts are complete (always, for a metric without a horizon)
 */
public record AlertWindows(TimeWindow current, TimeWindow compared, boolean mature) {

    /** The windows of {@code rule} at {@code now}, for a metric with {@code horizon} (null: none). */
    public static AlertWindows at(AlertRuleDefinition rule, Duration horizon, Instant now) {
        boolean matureOnly = horizon != null && !rule.judgesImmatureWindows();
        return at(rule, matureOnly ? Maturity.matureUntil(horizon, now) : now, matureOnly || horizon == null,
                matureOnly);
    }

    private static AlertWindows at(AlertRuleDefinition rule, Instant now, boolean mature, boolean wholeUnits) {
        AlertWindow window = rule.window();
        if (window == null || window.kind() == null || window.unit() == null) {
            throw new IllegalArgumentException("the rule has no window");
        }
        ZoneId zone = window.timeZone() == null ? ZoneOffset.UTC : ZoneId.of(window.timeZone());
        AlertCondition condition = rule.condition();
        boolean change = condition != null && (AlertCondition.CHANGE_ABOVE.equals(condition.type())
                || AlertCondition.CHANGE_BELOW.equals(condition.type()));
        int back = !change ? 0 : condition.periodsBack() == null ? 1 : condition.periodsBack();
        if (back < 0) {
            throw new IllegalArgumentException("periodsBack must not be negative");
        }
        return switch (window.kind()) {
            case AlertWindow.ROLLING -> rolling(window, zone, now, change, back, mature, wholeUnits);
            case AlertWindow.CALENDAR -> calendar(window, zone, now, change, back, mature, wholeUnits);
            default -> throw new IllegalArgumentException("not a window kind: " + window.kind());
        };
    }

    /**
     * The last {@code amount} units up to the minute under way; or, for mature windows ({@code ended}), up to the
     * start of the minute of {@code now}, the latest end whose cohort is complete.
     */
    private static AlertWindows rolling(AlertWindow window, ZoneId zone, Instant now, boolean change, int back,
            boolean mature, boolean ended) {
        int amount = window.amount() == null ? 1 : window.amount();
        if (amount < 1) {
            throw new IllegalArgumentException("a rolling window needs a positive amount");
        }
        ChronoUnit unit = switch (window.unit()) {
            case "hours", "hour" -> ChronoUnit.HOURS;
            case "days", "day" -> ChronoUnit.DAYS;
            default -> throw new IllegalArgumentException("a rolling window counts hours or days, not " + window.unit());
        };
        ZonedDateTime to = now.truncatedTo(ChronoUnit.MINUTES).plusSeconds(ended ? 0 : 60).atZone(zone);
        TimeWindow current = new TimeWindow(to.minus(amount, unit).toInstant(), to.toInstant());
        if (!change) {
            return new AlertWindows(current, null, mature);
        }
        ZonedDateTime earlierTo = to.minus((long) amount * back, unit);
        return new AlertWindows(current, new TimeWindow(earlierTo.minus(amount, unit).toInstant(),
                earlierTo.toInstant()), mature);
    }

    /**
     * The unit under way at {@code now}; or, for mature windows ({@code ended}), the latest unit that ended at or
     * before {@code now}: the one before the unit under way then.
     */
    private static AlertWindows calendar(AlertWindow window, ZoneId zone, Instant now, boolean change, int back,
            boolean mature, boolean ended) {
        ZonedDateTime local = now.atZone(zone);
        ChronoUnit unit;
        ZonedDateTime start = switch (window.unit()) {
            case "day" -> {
                unit = ChronoUnit.DAYS;
                yield local.toLocalDate().atStartOfDay(zone);
            }
            case "week" -> {
                unit = ChronoUnit.WEEKS;
                yield local.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone);
            }
            case "month" -> {
                unit = ChronoUnit.MONTHS;
                yield local.toLocalDate().withDayOfMonth(1).atStartOfDay(zone);
            }
            default -> throw new IllegalArgumentException("a calendar window is a day, week or month, not "
                    + window.unit());
        };
        if (ended) {
            start = next(start, unit, -1, zone);
        }
        TimeWindow current = new TimeWindow(start.toInstant(), next(start, unit, 1, zone).toInstant());
        if (!change) {
            return new AlertWindows(current, null, mature);
        }
        ZonedDateTime earlier = next(start, unit, -back, zone);
        return new AlertWindows(current, new TimeWindow(earlier.toInstant(), next(earlier, unit, 1, zone).toInstant()),
                mature);
    }

    /** The start of the unit {@code n} units from {@code start}, by the local calendar (a day is 23, 24 or 25 hours). */
    private static ZonedDateTime next(ZonedDateTime start, ChronoUnit unit, int n, ZoneId zone) {
        return start.toLocalDate().plus(n, unit).atStartOfDay(zone);
    }

    /**
     * What a person needs to know of the windows judged, for a metric with a horizon (empty without one): which window
     * was judged and why, or that the value can still rise.
     */
    public String words(Duration horizon) {
        if (horizon == null) {
            return "";
        }
        String age = Horizon.words(horizon);
        String judged = "[" + current.from() + ", " + current.to() + ")";
        return mature ? "judged over " + judged + ", the latest such window whose submissions are all " + age
                + " old (the metric's horizon); "
                : "immature: the submissions of " + judged + " are not all " + age + " old, the value can still "
                        + "rise; ";
    }

    /** From the earliest to the latest instant the windows cover: what one snapshot is opened for. */
    public TimeWindow span() {
        if (compared == null) {
            return current;
        }
        return new TimeWindow(compared.from().isBefore(current.from()) ? compared.from() : current.from(),
                compared.to().isAfter(current.to()) ? compared.to() : current.to());
    }
}
