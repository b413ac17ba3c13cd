package org.moderation.bi.dashboard.readmodel;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;

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

    public static Comparison of(String value) {
        if (value == null) {
            return PREVIOUS;
        }
        return Arrays.stream(values()).filter(c -> c.code().equals(value)).findFirst()
                .orElseThrow(() -> new BadRequestException("compare must be one of previous, year, none"));
    }
}
