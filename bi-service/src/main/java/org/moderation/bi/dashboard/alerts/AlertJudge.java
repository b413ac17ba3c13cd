package org.moderation.bi.dashboard.alerts;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.moderation.bi.engine.Change;
import org.moderation.bi.engine.ReadModelVersion;
import org.moderation.bi.shared.alerts.AlertCondition;
import org.moderation.bi.shared.alerts.AlertRuleDefinition;
import org.moderation.bi.shared.alerts.AlertState;
import org.moderation.bi.shared.metrics.UnitText;

/**
 * A rule's next state from what was read and its previous state, as Prometheus judges an alerting rule: the
 * condition holding for less than {@code forDuration} is pending, then firing; a value counted from fewer rows than
 * the rule's minimum is no data; a read model not verified within its freshness threshold is stale, never ok.
 */
final class AlertJudge {

    /** The state, and since when the condition has held without a break (null: it does not hold). */
    record Judged(String state, Instant conditionSince, String message) {
    }

    private AlertJudge() {
    }

    /** {@code unit}: the metric's, in which every value and threshold of the message is written. */
    static Judged judge(AlertRuleDefinition rule, Reading reading, ReadModelVersion readModel, Instant now,
            Duration maxAge, Instant heldSince, String unit) {
        if (readModel == null) {
            return new Judged(AlertState.ERROR, null, "the read model has no version yet: nothing to judge");
        }
        if (readModel.verifiedAt() == null || Duration.between(readModel.verifiedAt(), now).compareTo(maxAge) > 0) {
            return new Judged(AlertState.STALE, heldSince, "the read model was last found equal to the legacy "
                    + "database " + (readModel.verifiedAt() == null ? "never" : "at " + readModel.verifiedAt())
                    + ", longer ago than its freshness threshold (" + maxAge + "): the value is not judged");
        }
        AlertCondition condition = rule.condition();
        Double minimum = rule.minimumCount();
        boolean tooFew = minimum != null && (reading.count() == null || reading.count() < minimum);
        String few = tooFew ? "counted " + UnitText.of(reading.count(), "count") + " rows, under the rule's minimum of "
                + UnitText.of(minimum, "count") : null;
        if (AlertCondition.NO_DATA.equals(condition.type())) {
            boolean none = tooFew || reading.value() == null;
            return held(rule, none, now, heldSince, none ? (few != null ? few : "the metric has no value")
                    : "the metric has a value");
        }
        if (tooFew) {
            return new Judged(AlertState.NO_DATA, null, few + ": not judged");
        }
        if (reading.value() == null) {
            return new Judged(AlertState.NO_DATA, null, "the metric has no value over the window");
        }
        double threshold = condition.threshold() == null ? 0 : condition.threshold();
        return switch (condition.type()) {
            case AlertCondition.ABOVE -> held(rule, reading.value() > threshold, now, heldSince,
                    UnitText.of(reading.value(), unit) + (reading.value() > threshold ? " is above " : " is not above ")
                            + UnitText.of(threshold, unit));
            case AlertCondition.BELOW -> held(rule, reading.value() < threshold, now, heldSince,
                    UnitText.of(reading.value(), unit) + (reading.value() < threshold ? " is below " : " is not below ")
                            + UnitText.of(threshold, unit));
            case AlertCondition.CHANGE_ABOVE, AlertCondition.CHANGE_BELOW -> change(rule, reading, threshold, now,
                    heldSince, unit);
            default -> new Judged(AlertState.ERROR, null, "not a condition: " + condition.type());
        };
    }

    private static Judged change(AlertRuleDefinition rule, Reading reading, double threshold, Instant now,
            Instant heldSince, String unit) {
        boolean relative = AlertCondition.RELATIVE.equals(rule.condition().change());
        if (reading.compared() == null || relative && reading.compared() == 0) {
            return new Judged(AlertState.NO_DATA, null, "the earlier window has no value to compare with"
                    + (reading.compared() == null ? "" : " (it is 0)"));
        }
        Change between = Change.between(reading.value(), reading.compared());
        double change = relative ? between.relative() : between.absolute();
        boolean above = AlertCondition.CHANGE_ABOVE.equals(rule.condition().type());
        boolean holds = above ? change > threshold : change < threshold;
        String by = relative ? UnitText.relative(change) : UnitText.change(change, unit);
        String limit = relative ? UnitText.relative(threshold) : UnitText.change(threshold, unit);
        return held(rule, holds, now, heldSince, "changed by " + by + (relative ? " (relative)" : "")
                + " from " + UnitText.of(reading.compared(), unit) + " to " + UnitText.of(reading.value(), unit)
                + (holds ? ", " : ", not ") + (above ? "above " : "below ") + limit);
    }

    private static Judged held(AlertRuleDefinition rule, boolean holds, Instant now, Instant heldSince, String why) {
        if (!holds) {
            return new Judged(AlertState.OK, null, why);
        }
        Instant since = heldSince == null ? now : heldSince;
        Duration wait = forDuration(rule);
        if (now.isBefore(since.plus(wait))) {
            return new Judged(AlertState.PENDING, since, why + "; holding since " + since + ", fires after " + wait);
        }
        return new Judged(AlertState.FIRING, since, why);
    }

    static Duration forDuration(AlertRuleDefinition rule) {
        if (rule.forDuration() == null || rule.forDuration().isBlank()) {
            return Duration.ZERO;
        }
        try {
            Duration duration = Duration.parse(rule.forDuration());
            return duration.isNegative() ? Duration.ZERO : duration;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("forDuration is not an ISO-8601 duration: " + rule.forDuration());
        }
    }
}
