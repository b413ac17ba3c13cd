package org.moderation.bi.shared.metrics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Times in the metric language: an ISO-8601 instant ({@code 2024-05-01T10:00:00Z}) or a UTC date ({@code 2024-05-01}). */
public final class TimeValues {

    private TimeValues() {
    }

    public static Optional<Instant> parse(Object value) {
        if (!(value instanceof String text) || text.length() > 40) {
            return Optional.empty();
        }
        try {
            return Optional.of(text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
