package org.moderation.bi.dashboard.alerts;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

import org.moderation.bi.dashboard.readmodel.TimeWindow;
import org.moderation.bi.shared.alerts.AlertCondition;
import org.moderation.bi.shared.alerts.AlertRuleDefinition;
import org.moderation.bi.shared.alerts.AlertWindow;

/**
 * The windows a rule reads at a moment: its own, and for a change condition the one {@code periodsBack} windows
 * earlier (null otherwise). Calendar units are drawn in the rule's zone, so a day across a DST change is 23 or 25
 * hours. A calendar window runs to the end of its unit: nothing after now is counted yet, and the window then stays
 * put while the unit lasts (its answer changes only with the data). A rolling window ends with the minute under way,
 * so that what arrived a moment ago counts at the next change of the read model, not a minute later.
 */
public record AlertWindows(TimeWindow current, TimeWindow compared) {

    public static AlertWindows at(AlertRuleDefinition rule, Instant now) {
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
            case AlertWindow.ROLLING -> rolling(window, zone, now, change, back);
            case AlertWindow.CALENDAR -> calendar(window, zone, now, change, back);
            default -> throw new IllegalArgumentException("not a window kind: " + window.kind());
        };
    }

    private static AlertWindows rolling(AlertWindow window, ZoneId zone, Instant now, boolean change, int back) {
        int amount = window.amount() == null ? 1 : window.amount();
        if (amount < 1) {
            throw new IllegalArgumentException("a rolling window needs a positive amount");
        }
        ChronoUnit unit = switch (window.unit()) {
            case "hours", "hour" -> ChronoUnit.HOURS;
            case "days", "day" -> ChronoUnit.DAYS;
            default -> throw new IllegalArgumentException("a rolling window counts hours or days, not " + window.unit());
        };
        ZonedDateTime to = now.truncatedTo(ChronoUnit.MINUTES).plusSeconds(60).atZone(zone);
        TimeWindow current = new TimeWindow(to.minus(amount, unit).toInstant(), to.toInstant());
        if (!change) {
            return new AlertWindows(current, null);
        }
        ZonedDateTime earlierTo = to.minus((long) amount * back, unit);
        return new AlertWindows(current, new TimeWindow(earlierTo.minus(amount, unit).toInstant(),
                earlierTo.toInstant()));
    }

    private static AlertWindows calendar(AlertWindow window, ZoneId zone, Instant now, boolean change, int back) {
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
        TimeWindow current = new TimeWindow(start.toInstant(), next(start, unit, 1, zone).toInstant());
        if (!change) {
            return new AlertWindows(current, null);
        }
        ZonedDateTime earlier = next(start, unit, -back, zone);
        return new AlertWindows(current, new TimeWindow(earlier.toInstant(), next(earlier, unit, 1, zone).toInstant()));
    }

    /** The start of the unit {@code n} units from {@code start}, by the local calendar (a day is 23, 24 or 25 hours). */
    private static ZonedDateTime next(ZonedDateTime start, ChronoUnit unit, int n, ZoneId zone) {
        return start.toLocalDate().plus(n, unit).atStartOfDay(zone);
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
