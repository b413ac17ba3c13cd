package org.moderation.bi.dashboard.rest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.MultivaluedMap;

import org.moderation.bi.dashboard.readmodel.TimeWindow;

/**
 * Reads the window of a request: {@code from} and {@code to} as ISO dates ({@code 2024-05-01}) or date-times
 * (with an offset, or local), interpreted in {@code tz} (an IANA zone, UTC by default); [from, to) half-open.
 * Every mistake is a 400 that names the parameter.
 */
public final class WindowParameters {

    private WindowParameters() {
    }

    /**
     * Refuses parameters the endpoint does not know (a misspelt {@code comunity} must not widen the answer), and a
     * parameter given twice that takes one value ({@code platform=x&platform=meta} must not quietly list x alone).
     * Only {@code community} repeats.
     */
    public static void onlyKnown(MultivaluedMap<String, String> parameters, Set<String> known) {
        List<String> unknown = parameters.keySet().stream().filter(name -> !known.contains(name)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new BadRequestException("unknown parameter(s): " + String.join(", ", unknown)
                    + "; this endpoint takes " + String.join(", ", known.stream().sorted().toList()));
        }
        List<String> repeated = parameters.entrySet().stream()
                .filter(p -> !p.getKey().equals("community") && p.getValue().size() > 1).map(p -> p.getKey())
                .sorted().toList();
        if (!repeated.isEmpty()) {
            throw new BadRequestException("given more than once: " + String.join(", ", repeated)
                    + "; each takes one value (only community may be repeated)");
        }
    }

    /** The named communities; an empty value is a mistake, not "every community". */
    public static List<String> communities(MultivaluedMap<String, String> parameters) {
        List<String> named = parameters.getOrDefault("community", List.of());
        if (named.stream().anyMatch(String::isBlank)) {
            throw new BadRequestException("community must be a community slug, not empty");
        }
        return named;
    }

    public static TimeWindow window(String from, String to, String tz) {
        return window(from, to, zone(tz));
    }

    public static TimeWindow window(String from, String to, ZoneId zone) {
        Instant start = instant("from", from, zone);
        Instant end = instant("to", to, zone);
        if (!start.isBefore(end)) {
            throw new BadRequestException("from must be before to (the window is [from, to))");
        }
        return new TimeWindow(start, end);
    }

    public static ZoneId zone(String tz) {
        if (tz == null || tz.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(tz);
        } catch (DateTimeException e) {
            throw new BadRequestException("tz '" + tz + "' is not a time zone (use an IANA name such as Europe/Berlin)");
        }
    }

    private static Instant instant(String name, String value, ZoneId zone) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException(name + " is required (an ISO-8601 date or date-time)");
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(zone).toInstant();
            }
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeException withoutOffset) {
                return LocalDateTime.parse(value).atZone(zone).toInstant();
            }
        } catch (DateTimeException e) {
            throw new BadRequestException(name + " '" + value + "' is not an ISO-8601 date or date-time");
        }
    }
}
