package org.moderation.bi.dashboard.readmodel;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import jakarta.ws.rs.BadRequestException;

/**
 * The window a dashboard's KPIs, or a metric query's groups, are compared with: the same length just before, the same
 * window a year earlier, or none.
 */
public enum Comparison {
    PREVIOUS, YEAR, NONE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Null for {@link #NONE}. A year earlier is the same dates in the zone, a year back. */
    public TimeWindow window(TimeWindow window, ZoneId zone) {
        return switch (this) {
            case PREVIOUS -> new TimeWindow(window.from().minus(Duration.between(window.from(), window.to())),
                    window.from());
            case YEAR -> new TimeWindow(window.from().atZone(zone).minusYears(1).toInstant(),
                    window.to().atZone(zone).minusYears(1).toInstant());
            case NONE -> null;
        };
    }

    /** The dashboards' parameter: the previous window by default, a 400 for a word that names none. */
    public static Comparison of(String value) {
        return value == null ? PREVIOUS : named(value)
                .orElseThrow(() -> new BadRequestException("compare must be one of previous, year, none"));
    }

    /** The comparison a word names, if any. */
    public static Optional<Comparison> named(String value) {
        return Arrays.stream(values()).filter(c -> c.code().equals(value)).findFirst();
    }
}
