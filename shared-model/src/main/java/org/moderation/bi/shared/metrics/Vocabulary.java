package org.moderation.bi.shared.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The closed word lists of the metric language; each word is matched exactly as written in JSON (lower case). */
public final class Vocabulary {

    /** Each vocabulary's words by JSON name, made once: the engine parses words for every value it computes. */
    private static final ClassValue<Map<String, Object>> BY_JSON_NAME = new ClassValue<>() {
        @Override
        protected Map<String, Object> computeValue(Class<?> words) {
            return Arrays.stream(words.getEnumConstants())
                    .collect(Collectors.toUnmodifiableMap(w -> jsonName((Enum<?>) w), Function.identity()));
        }
    };

    private Vocabulary() {
    }

    public enum MetricType { SIMPLE, RATIO, DERIVED }

    public enum Aggregation {
        COUNT, COUNT_DISTINCT, SUM, AVG, MIN, MAX,
        /** Needed by the built-in median time to takedown; computed as an exact 50th percentile. */
        MEDIAN
    }

    /**
     * On a many-valued column: eq/in "has (any of) these values", neq/not_in "has none of them", all_of "has every one
     * of them", is_null "has no value", is_not_null "has a value".
     */
    public enum Operator { EQ, NEQ, IN, NOT_IN, ALL_OF, GT, GTE, LT, LTE, BETWEEN, IS_NULL, IS_NOT_NULL }

    /** Buckets of a series; hours for recent windows only (the read model keeps hourly counts for the last days). */
    public enum Grain { HOUR, DAY, WEEK, MONTH }

    /**
     * What a metric's number is, and how the dashboard page writes it; the OpenAPI document and the README say the
     * same, from here.
     */
    public enum Unit {
        COUNT("a number: of submissions for a count, else of what the measure sums or averages; written with "
                + "thousands separators (12,345), and with at most two decimals where it has any (1.43)"),
        RATIO("a fraction of 1 (0.357), written as a percentage: 35.7%"),
        PERCENT("the same as ratio: a fraction of 1 (0.357), written 35.7%; a definition never multiplies by 100"),
        DURATION("seconds, written in the largest fitting unit: 90 s, 45 min, 5.5 h, 3.2 days");

        private final String meaning;

        Unit(String meaning) {
            this.meaning = meaning;
        }

        public String meaning() {
            return meaning;
        }
    }

    public enum ArithmeticOp { ADD, SUBTRACT, MULTIPLY, DIVIDE }

    public static String jsonName(Enum<?> word) {
        return word.name().toLowerCase(Locale.ROOT);
    }

    public static <E extends Enum<E>> Optional<E> parse(Class<E> words, String json) {
        return json == null ? Optional.empty() : Optional.ofNullable(words.cast(BY_JSON_NAME.get(words).get(json)));
    }

    public static <E extends Enum<E>> String allOf(Class<E> words) {
        return String.join(", ", Arrays.stream(words.getEnumConstants()).map(Vocabulary::jsonName).toList());
    }
}
