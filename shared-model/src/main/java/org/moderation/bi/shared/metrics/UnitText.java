package org.moderation.bi.shared.metrics;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

import org.moderation.bi.shared.metrics.Vocabulary.Unit;

/**
 * A number in its metric's unit as people read it ({@link Unit}), for text the services write themselves (an alert's
 * "why"): the same as the page's {@code inUnit} and {@code changeInUnit} (format.js). count 12345 reads "12,345" (at
 * most two decimals, 1.43); ratio and percent 0.357 read "35.7 %", a change of them in percentage points ("−2.1 pts");
 * duration is seconds in the largest fitting unit ("90 s", "45 min", "2.5 h", "3.2 days").
 */
public final class UnitText {

    private static final DecimalFormatSymbols ENGLISH = DecimalFormatSymbols.getInstance(Locale.US);

    private UnitText() {
    }

    /** {@code value} in {@code unit} (a JSON name; anything unknown reads as a count); "–" without a value. */
    public static String of(Double value, String unit) {
        if (value == null) {
            return "–";
        }
        return switch (unit(unit)) {
            case RATIO, PERCENT -> oneDecimal(100 * value) + " %";
            case DURATION -> duration(value);
            case COUNT -> number(value);
        };
    }

    /** A change of {@code unit}: a fraction's in percentage points ("+2.1 pts"), others in the unit ("−1.5 h"). */
    public static String change(Double change, String unit) {
        if (change == null) {
            return "–";
        }
        String sign = change > 0 ? "+" : change < 0 ? "−" : "±";
        Unit words = unit(unit);
        String size = words == Unit.RATIO || words == Unit.PERCENT ? oneDecimal(100 * Math.abs(change)) + " pts"
                : of(Math.abs(change), unit);
        return sign + size;
    }

    /** A relative change, a fraction of the earlier value: 0.043 reads "+4.3 %". */
    public static String relative(Double change) {
        if (change == null) {
            return "–";
        }
        return (change > 0 ? "+" : change < 0 ? "−" : "±") + oneDecimal(100 * Math.abs(change)) + " %";
    }

    private static Unit unit(String unit) {
        return Vocabulary.parse(Unit.class, unit).orElse(Unit.COUNT);
    }

    private static String duration(double seconds) {
        if (seconds < 120) {
            return Math.round(seconds) + " s";
        }
        if (seconds < 7200) {
            return Math.round(seconds / 60) + " min";
        }
        if (seconds < 172800) {
            return number(seconds / 3600) + " h";
        }
        return number(seconds / 86400) + " days";
    }

    private static String number(double value) {
        return new DecimalFormat("#,##0.##", ENGLISH).format(value);
    }

    private static String oneDecimal(double value) {
        return new DecimalFormat("#,##0.0", ENGLISH).format(value);
    }
}
