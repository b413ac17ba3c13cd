package org.moderation.bi.shared.metrics;

import java.time.Instant;
import java.util.List;

import org.moderation.bi.shared.api.dashboard.ScopeView;

/**
 * A metric definition tried on the read model before anyone relies on it: its value over the last 30 UTC days (and
 * per day of them) in the caller's scope, and whether it ever counted anything at all.
 *
 * @param total         over the 30 days: the value, and for a ratio its summed parts
 * @param days          one value per UTC day of the 30, oldest first
 * @param neverCounted  true when its value over the read model's whole history is null or zero: a definition that
 *                      cannot mean anything on this data (a value no row has, a filter that excludes everything)
 * @param readFrom      where the values were read
 * @param readModelVersion the read model's version the values are of
 */
public record MetricPreview(String key, Instant from, Instant to, Value total, List<Day> days, boolean neverCounted,
        List<String> readFrom, Long readModelVersion, ScopeView scope) {

    public record Value(Double value, Double numerator, Double denominator) {
    }

    public record Day(Instant day, Double value) {
    }
}
