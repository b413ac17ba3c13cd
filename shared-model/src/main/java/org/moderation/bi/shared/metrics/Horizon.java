package org.moderation.bi.shared.metrics;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Optional;

/**
 * A ratio's maturity horizon: "taken down within 14 days of submission". The removal rate of a window divides the
 * submissions of the window by those of them taken down; a young cohort has had little time to be taken down, so its
 * rate by now always falls at the right edge of a chart, and is not comparable with an older cohort's. With a horizon
 * the numerator counts a takedown only within the horizon of its submission, so every cohort is measured over the same
 * time, and a cohort is complete ("mature") once all its submissions are at least the horizon old. Until then its rate
 * can still rise, and every answer marks it immature.
 * <p>
 * In the language: {@code "horizon": "P14D"} on a ratio whose numerator and denominator both count submissions by
 * {@code submitted_at} and whose numerator counts taken-down ones ({@code taken_down eq true}). The numerator is then
 * counted as itself and {@code time_to_takedown lte} the horizon in seconds: the same rows wherever they are counted
 * (pre-aggregations, the facts, a list of them).
 */
public final class Horizon {

    /** At least an hour, at most a year and a day; whole hours. */
    public static final Duration SHORTEST = Duration.ofHours(1);
    public static final Duration LONGEST = Duration.ofDays(366);

    private Horizon() {
    }

    /** A definition's horizon, if it declares a valid one. */
    public static Optional<Duration> of(MetricDefinition definition) {
        return definition == null ? Optional.empty() : parse(definition.horizon());
    }

    /** An ISO-8601 duration of whole hours within {@link #SHORTEST} and {@link #LONGEST}; empty otherwise. */
    public static Optional<Duration> parse(String text) {
        if (text == null || text.length() > 40) {
            return Optional.empty();
        }
        try {
            Duration horizon = Duration.parse(text);
            boolean wholeHours = horizon.toSecondsPart() == 0 && horizon.toMinutesPart() == 0 && horizon.getNano() == 0;
            return wholeHours && horizon.compareTo(SHORTEST) >= 0 && horizon.compareTo(LONGEST) <= 0
                    ? Optional.of(horizon) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The numerator as it is counted: the takedowns within {@code horizon} of their submission. */
    public static Measure counted(Measure numerator, Duration horizon) {
        var filters = new ArrayList<>(numerator.filters());
        filters.add(new Filter(Column.TIME_TO_TAKEDOWN.jsonName(), "lte", horizon.toSeconds(), null));
        return new Measure(numerator.aggregation(), numerator.column(), numerator.time(), filters);
    }

    /** ISO-8601 as a definition writes it: {@code P14D} for whole days, {@code PT36H} otherwise. */
    public static String iso(Duration horizon) {
        long hours = horizon.toHours();
        return hours % 24 == 0 ? "P" + hours / 24 + "D" : "PT" + hours + "H";
    }

    /** "14 days", "36 hours", "1 day". */
    public static String words(Duration horizon) {
        long hours = horizon.toHours();
        if (hours % 24 == 0) {
            long days = hours / 24;
            return days + (days == 1 ? " day" : " days");
        }
        return hours + (hours == 1 ? " hour" : " hours");
    }
}
