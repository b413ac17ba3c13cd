package org.moderation.bi.shared.metrics;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.moderation.bi.shared.submission.OpenValues;
import java.util.Set;
import java.util.regex.Pattern;

import org.moderation.bi.shared.api.DidYouMean;

import org.moderation.bi.shared.metrics.Vocabulary.Aggregation;
import org.moderation.bi.shared.metrics.Vocabulary.ArithmeticOp;
import org.moderation.bi.shared.metrics.Vocabulary.Grain;
import org.moderation.bi.shared.metrics.Vocabulary.MetricType;
import org.moderation.bi.shared.metrics.Vocabulary.Operator;
import org.moderation.bi.shared.metrics.Vocabulary.Unit;
import org.moderation.bi.shared.submission.OpenValues;

/**
 * Checks a metric definition against the language and returns every problem at once, each with its JSON path.
 * A definition without problems uses only whitelisted columns, words and shapes, so it can be compiled to SQL from
 * fixed fragments with every value bound; and its filters name only values their columns can hold, where those are
 * known ({@link KnownValues}), so it cannot silently count nothing.
 */
public final class MetricValidator {

    public static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    public static final int MAX_NAME = 120;
    public static final int MAX_DESCRIPTION = 2000;
    public static final int MAX_FILTERS = 20;
    public static final int MAX_VALUES = 1000;
    public static final int MAX_STRING_VALUE = 200;
    /** Each dimension of the language at most once. */
    public static final int MAX_DIMENSIONS = (int) Arrays.stream(Column.values())
            .filter(c -> c.kind() == Column.Kind.DIMENSION).count();
    public static final int MAX_EXPRESSION_DEPTH = 8;
    /** A refusal lists at most this many of the values a column can hold (there may be many communities). */
    private static final int MAX_LISTED_VALUES = 20;

    /** Columns whose values come with the data (no list holds them): kept normalized, looked up in what was seen. */
    private static final Set<Column> OPEN_SETS = EnumSet.of(Column.CATEGORY, Column.HASHTAG, Column.LANGUAGE,
            Column.CLASSIFIER_LABEL);
    /** A warning names at most this many values closest to one never seen. */
    private static final int MAX_CLOSEST = 3;

    private final MetricLookup lookup;
    private final KnownValues known;
    private final SeenValues seen;
    /** Each column's values, asked for once per validation. */
    private final Map<Column, Optional<Collection<String>>> vocabularies = new EnumMap<>(Column.class);
    private final List<Problem> problems = new ArrayList<>();
    /** Paths of open-set values, by column and value: looked up in what was seen once the walk is over. */
    private final Map<Column, Map<String, List<String>>> openValues = new EnumMap<>(Column.class);

    private MetricValidator(MetricLookup lookup, KnownValues known, SeenValues seen) {
        this.lookup = lookup;
        this.known = known;
        this.seen = seen;
    }

    /**
     * What a check found: problems refuse; warnings (values of an open set never seen yet) are accepted and shown
     * beside what was accepted.
     */
    public record Checked(List<Problem> problems, List<Problem> warnings) {
    }

    /**
     * Problems of {@code definition}; references of a derived metric are looked up (and followed for cycles), filter
     * values of a column with known values checked against them.
     */
    public static List<Problem> validate(MetricDefinition definition, MetricLookup lookup, KnownValues known) {
        return check(definition, lookup, known, SeenValues.ANY).problems();
    }

    /** As {@link #validate}, with warnings for the values of open sets that {@code seen} has not seen yet. */
    public static Checked check(MetricDefinition definition, MetricLookup lookup, KnownValues known,
            SeenValues seen) {
        var validator = new MetricValidator(lookup, known, seen);
        if (definition == null) {
            validator.problem("$", "a metric definition is required");
        } else {
            validator.definition(definition);
        }
        return validator.checked();
    }

    /** Problems of filters given with a query, checked like a definition's, their values against {@code known}. */
    public static List<Problem> validateFilters(List<Filter> filters, String path, KnownValues known) {
        return checkFilters(filters, path, known, SeenValues.ANY).problems();
    }

    /** As {@link #validateFilters(List, String, KnownValues)}, with warnings for values {@code seen} has not seen. */
    public static Checked checkFilters(List<Filter> filters, String path, KnownValues known, SeenValues seen) {
        var validator = new MetricValidator(MetricLookup.NONE, known, seen);
        validator.filters(filters, path);
        return validator.checked();
    }

    /** Warnings only where there is no problem: a refused definition's values are not worth a second look yet. */
    private Checked checked() {
        if (!problems.isEmpty() || openValues.isEmpty()) {
            return new Checked(List.copyOf(problems), List.of());
        }
        var warnings = new ArrayList<Problem>();
        openValues.forEach((column, paths) -> {
            Map<String, List<String>> unseen;
            try {
                unseen = seen.unseen(column, paths.keySet());
            } catch (SeenValues.UnavailableException e) {
                warnings.add(new Problem(paths.values().iterator().next().getFirst(), "the " + column.jsonName()
                        + " values named here could not be compared with the values seen so far (" + e.getMessage()
                        + "); a value no submission has had counts nothing"));
                return;
            }
            paths.forEach((value, where) -> {
                List<String> closest = unseen.get(value);
                if (closest != null) {
                    where.forEach(path -> warnings.add(new Problem(path, unseenWarning(column, value, closest))));
                }
            });
        });
        warnings.sort(Comparator.comparing(Problem::path));
        return new Checked(List.copyOf(problems), List.copyOf(warnings));
    }

    private static String unseenWarning(Column column, String value, List<String> closest) {
        List<String> named = closest.stream().limit(MAX_CLOSEST).map(v -> "'" + v + "'").toList();
        return "no submission has had the " + column.jsonName() + " '" + value + "' yet: it counts nothing until one "
                + "does" + (named.isEmpty() ? " (no value seen is close to it)"
                : "; closest seen: " + String.join(", ", named));
    }

    /** As {@link #validateFilters(List, String, KnownValues)}, taking every value as written (no known values). */
    public static List<Problem> validateFilters(List<Filter> filters, String path) {
        return validateFilters(filters, path, KnownValues.NONE);
    }

    private void definition(MetricDefinition d) {
        if (d.key() == null || !KEY.matcher(d.key()).matches()) {
            problem("$.key", "must be 1 to 63 characters of a-z, 0-9 and _, starting with a letter");
        }
        text(d.name(), "$.name", MAX_NAME);
        text(d.description(), "$.description", MAX_DESCRIPTION);
        var unit = d.unit() == null ? null : Vocabulary.parse(Unit.class, d.unit()).orElse(null);
        if (unit == null) {
            problem("$.unit", "must be one of " + Vocabulary.allOf(Unit.class));
        }
        var type = d.type() == null ? null : Vocabulary.parse(MetricType.class, d.type()).orElse(null);
        if (type == null) {
            problem("$.type", "must be one of " + Vocabulary.allOf(MetricType.class));
        } else {
            parts(d, type);
            if (unit != null) {
                unit(d, type, unit);
            }
        }
        if (d.horizon() != null) {
            horizon(d, type);
        }
        grains(d.grains());
        Set<String> dimensions = dimensions(d.dimensions(), "$.dimensions");
        for (int i = 0; i < d.breakdown().size(); i++) {
            if (!dimensions.contains(d.breakdown().get(i))) {
                problem("$.breakdown[" + i + "]", "must be one of the metric's dimensions");
            }
        }
    }

    /**
     * A horizon measures each submission of a cohort from its own submission ({@link Horizon}): it belongs to a ratio
     * whose parts both count submissions by submitted_at, and whose numerator counts the taken-down ones.
     */
    private void horizon(MetricDefinition d, MetricType type) {
        if (Horizon.parse(d.horizon()).isEmpty()) {
            problem("$.horizon", "must be an ISO-8601 duration of whole hours from PT1H to P366D, such as P14D "
                    + "(14 days) or PT36H");
        }
        if (type != MetricType.RATIO) {
            problem("$.horizon", "a horizon belongs to a ratio over a cohort of submissions (type ratio): it bounds "
                    + "the time from each submission to its takedown");
            return;
        }
        if (d.numerator() == null || d.denominator() == null) {
            return;
        }
        String cohort = Column.SUBMITTED_AT.jsonName();
        if (!cohort.equals(d.numerator().time()) || !cohort.equals(d.denominator().time())) {
            problem("$.horizon", "a horizon measures each submission from its submission: the numerator and the "
                    + "denominator must both count by submitted_at");
        }
        boolean takenDown = d.numerator().filters().stream().anyMatch(f -> f != null
                && Column.TAKEN_DOWN.jsonName().equals(f.column()) && "eq".equals(f.op())
                && Boolean.TRUE.equals(f.value()));
        if (!takenDown) {
            problem("$.horizon", "a horizon bounds the time from submission to takedown: the numerator must count "
                    + "taken-down submissions (a filter taken_down eq true)");
        }
    }

    private void parts(MetricDefinition d, MetricType type) {
        present(d.measure(), type == MetricType.SIMPLE, "$.measure", type);
        present(d.numerator(), type == MetricType.RATIO, "$.numerator", type);
        present(d.denominator(), type == MetricType.RATIO, "$.denominator", type);
        present(d.expression(), type == MetricType.DERIVED, "$.expression", type);
        if (d.measure() != null && type == MetricType.SIMPLE) {
            measure(d.measure(), "$.measure");
        }
        if (type == MetricType.RATIO) {
            if (d.numerator() != null) {
                measure(d.numerator(), "$.numerator");
            }
            if (d.denominator() != null) {
                measure(d.denominator(), "$.denominator");
            }
        }
        if (d.expression() != null && type == MetricType.DERIVED) {
            int before = problems.size();
            expression(d.expression(), "$.expression", 1);
            // Only a well-formed expression has references to follow; other parts' problems do not stop it.
            if (problems.size() == before) {
                references(d);
            }
        }
    }

    /**
     * A unit says what the number is, and the page formats it by that (README, "Units"): count a number, ratio and
     * percent a fraction of 1, duration seconds. A unit the definition cannot produce would show a number that means
     * something else (a share of 0.38 written "0.38" beside the same metric's "37.9 %"), so it is refused, naming the
     * units that fit.
     */
    private void unit(MetricDefinition d, MetricType type, Unit unit) {
        switch (type) {
            case SIMPLE -> {
                if (d.measure() != null) {
                    boolean seconds = inSeconds(d.measure());
                    fits(d, unit, seconds ? EnumSet.of(Unit.DURATION) : EnumSet.of(Unit.COUNT), seconds
                            ? "the measure is in seconds (" + d.measure().aggregation() + " of " + d.measure().column() + ")"
                            : "a simple metric is one aggregation, a count or a number: a fraction of 1 needs a ratio "
                                    + "metric (numerator over denominator), seconds a duration column such as "
                                    + "time_to_takedown");
                }
            }
            case RATIO -> {
                if (d.numerator() != null) {
                    if (inSeconds(d.numerator())) {
                        fits(d, unit, EnumSet.of(Unit.DURATION), "the numerator is in seconds ("
                                + d.numerator().aggregation() + " of " + d.numerator().column() + "), so the ratio is "
                                + "seconds per what the denominator counts");
                    } else if (counts(d.numerator())) {
                        fits(d, unit, EnumSet.of(Unit.RATIO, Unit.PERCENT), "a count over a count is a fraction of 1 "
                                + "(0.379 is written 37.9 %)");
                    } else {
                        fits(d, unit, EnumSet.of(Unit.COUNT, Unit.RATIO, Unit.PERCENT), "the numerator is a number, "
                                + "not seconds");
                    }
                }
            }
            case DERIVED -> {
                if ((unit == Unit.RATIO || unit == Unit.PERCENT) && timesHundred(d.expression(), 0)) {
                    problem("$.unit", d.unit() + " holds a fraction of 1 (0.357 is written 35.7%): a definition never "
                            + "multiplies by 100; drop the factor 100, or use count for a number per 100");
                }
            }
        }
    }

    /** Refuses {@code unit} unless it is one of {@code fitting}, naming those and why they are the ones. */
    private void fits(MetricDefinition d, Unit unit, Set<Unit> fitting, String because) {
        if (!fitting.contains(unit)) {
            problem("$.unit", d.unit() + " does not fit this " + d.type() + " metric: " + because
                    + "; the units that fit: " + String.join(", ", fitting.stream().map(Vocabulary::jsonName).toList()));
        }
    }

    /** Whether a measure counts rows or values (count, count_distinct). */
    private static boolean counts(Measure m) {
        var aggregation = m.aggregation() == null ? null
                : Vocabulary.parse(Aggregation.class, m.aggregation()).orElse(null);
        return aggregation == Aggregation.COUNT || aggregation == Aggregation.COUNT_DISTINCT;
    }

    /** Whether a measure's value is a number of seconds: an aggregation of a duration column other than a count. */
    private static boolean inSeconds(Measure m) {
        var aggregation = m.aggregation() == null ? null
                : Vocabulary.parse(Aggregation.class, m.aggregation()).orElse(null);
        var column = m.column() == null ? null : Column.named(m.column()).orElse(null);
        return aggregation != null && aggregation != Aggregation.COUNT && aggregation != Aggregation.COUNT_DISTINCT
                && column != null && column.type() == Column.Type.DURATION;
    }

    /** Whether an expression multiplies by 100 (or divides by 0.01) anywhere: a percentage made by hand. */
    private static boolean timesHundred(Expression e, int depth) {
        if (e == null || e.args() == null || e.args().size() != 2 || depth > MAX_EXPRESSION_DEPTH) {
            return false;
        }
        var op = e.op() == null ? null : Vocabulary.parse(ArithmeticOp.class, e.op()).orElse(null);
        boolean hundred = op == ArithmeticOp.MULTIPLY
                && (constant(e.args().get(0), 100) || constant(e.args().get(1), 100))
                || op == ArithmeticOp.DIVIDE && constant(e.args().get(1), 0.01);
        return hundred || timesHundred(e.args().get(0), depth + 1) || timesHundred(e.args().get(1), depth + 1);
    }

    private static boolean constant(Expression e, double value) {
        return e != null && e.constant() != null && e.constant() == value;
    }

    private void present(Object part, boolean required, String path, MetricType type) {
        if (required && part == null) {
            problem(path, "is required for a " + Vocabulary.jsonName(type) + " metric");
        } else if (!required && part != null) {
            problem(path, "is not allowed for a " + Vocabulary.jsonName(type) + " metric");
        }
    }

    private void measure(Measure m, String path) {
        var aggregation = m.aggregation() == null ? null : Vocabulary.parse(Aggregation.class, m.aggregation()).orElse(null);
        if (aggregation == null) {
            problem(path + ".aggregation", "must be one of " + Vocabulary.allOf(Aggregation.class));
        }
        Column column = null;
        if (m.column() != null) {
            column = Column.named(m.column()).orElse(null);
            if (column == null) {
                problem(path + ".column", "unknown column; known: " + knownColumns());
            }
        }
        if (aggregation != null) {
            aggregatable(aggregation, column, m.column() != null, path + ".column");
        }
        var time = m.time() == null ? null : Column.named(m.time()).orElse(null);
        if (time == null || time.kind() != Column.Kind.TIME) {
            problem(path + ".time", "must name the time column the window applies to: submitted_at or effective_takedown_at");
        }
        filters(m.filters(), path + ".filters");
    }

    private void aggregatable(Aggregation aggregation, Column column, boolean named, String path) {
        switch (aggregation) {
            case COUNT -> { }
            case COUNT_DISTINCT -> {
                if (!named) {
                    problem(path, "count_distinct needs a column");
                }
            }
            case SUM, AVG, MEDIAN -> {
                if (!named) {
                    problem(path, Vocabulary.jsonName(aggregation) + " needs a numeric column");
                } else if (column != null && !column.numeric()) {
                    problem(path, Vocabulary.jsonName(aggregation) + " needs a numeric column, not " + column.jsonName());
                }
            }
            case MIN, MAX -> {
                if (!named) {
                    problem(path, Vocabulary.jsonName(aggregation) + " needs a numeric or time column");
                } else if (column != null && !column.numeric() && column.type() != Column.Type.TIMESTAMP) {
                    problem(path, Vocabulary.jsonName(aggregation) + " needs a numeric or time column, not " + column.jsonName());
                }
            }
        }
    }

    private void filters(List<Filter> filters, String path) {
        if (filters == null) {
            return;
        }
        if (filters.size() > MAX_FILTERS) {
            problem(path, "at most " + MAX_FILTERS + " filters");
            return;
        }
        for (int i = 0; i < filters.size(); i++) {
            filter(filters.get(i), path + "[" + i + "]");
        }
    }

    private void filter(Filter f, String path) {
        if (f == null) {
            problem(path, "a filter is required");
            return;
        }
        var column = f.column() == null ? null : Column.named(f.column()).orElse(null);
        if (column == null) {
            problem(path + ".column", "unknown column; known: " + knownColumns());
        }
        var op = f.op() == null ? null : Vocabulary.parse(Operator.class, f.op()).orElse(null);
        if (op == null) {
            problem(path + ".op", "must be one of " + Vocabulary.allOf(Operator.class));
        }
        if (column == null || op == null) {
            return;
        }
        if (op == Operator.ALL_OF && !column.manyValued()) {
            problem(path + ".op", "all_of applies to a column of several values per submission ("
                    + String.join(", ", Arrays.stream(Column.values()).filter(Column::manyValued).map(Column::jsonName)
                            .toList()) + "), not to " + column.jsonName());
            return;
        }
        if (!allowed(column.type(), op)) {
            problem(path + ".op", f.op() + " does not apply to " + column.jsonName() + " (" + typeName(column) + ")");
            return;
        }
        switch (op) {
            case IS_NULL, IS_NOT_NULL -> {
                if (f.value() != null || f.values() != null) {
                    problem(path, f.op() + " takes no value");
                }
            }
            case IN, NOT_IN, BETWEEN, ALL_OF -> {
                if (f.value() != null) {
                    problem(path + ".value", "use values (a list) with " + f.op());
                }
                if (f.values() == null || f.values().isEmpty()) {
                    problem(path + ".values", "is required with " + f.op());
                } else if (op == Operator.BETWEEN && f.values().size() != 2) {
                    problem(path + ".values", "between takes exactly two values, low and high");
                } else if (f.values().size() > MAX_VALUES) {
                    problem(path + ".values", "at most " + MAX_VALUES + " values");
                } else {
                    for (int i = 0; i < f.values().size(); i++) {
                        value(column, f.values().get(i), path + ".values[" + i + "]");
                    }
                }
            }
            default -> {
                if (f.values() != null) {
                    problem(path + ".values", "use value (one) with " + f.op());
                }
                if (f.value() == null) {
                    problem(path + ".value", "is required with " + f.op());
                } else {
                    value(column, f.value(), path + ".value");
                }
            }
        }
    }

    private static boolean allowed(Column.Type type, Operator op) {
        return switch (type) {
            case NUMBER, DURATION, TIMESTAMP -> true;
            case ID, STRING -> switch (op) {
                case EQ, NEQ, IN, NOT_IN, IS_NULL, IS_NOT_NULL, ALL_OF -> true;
                default -> false;
            };
            case BOOLEAN -> switch (op) {
                case EQ, NEQ, IS_NULL, IS_NOT_NULL -> true;
                default -> false;
            };
        };
    }

    private void value(Column column, Object value, String path) {
        boolean ok = switch (column.type()) {
            // PostgreSQL text cannot hold NUL: such a value could never match, and would fail at the database.
            case STRING -> value instanceof String s && s.length() <= MAX_STRING_VALUE && s.indexOf('\u0000') < 0;
            case BOOLEAN -> value instanceof Boolean;
            case ID -> value instanceof Integer || value instanceof Long
                    || value instanceof java.math.BigInteger b && b.bitLength() < 64;
            case NUMBER, DURATION -> finiteNumber(value);
            case TIMESTAMP -> TimeValues.parse(value).isPresent();
        };
        if (!ok) {
            problem(path, "must be " + typeName(column) + " for " + column.jsonName());
        } else if (column.type() == Column.Type.STRING) {
            String kept = kept(column, (String) value);
            if (!value.equals(kept)) {
                problem(path, "'" + value + "' is not how " + column.jsonName() + " values are kept"
                        + (kept == null ? ": nothing is left of it" : "; write '" + kept + "'"));
            } else if (OPEN_SETS.contains(column)) {
                openValues.computeIfAbsent(column, c -> new LinkedHashMap<>())
                        .computeIfAbsent((String) value, v -> new ArrayList<>()).add(path);
            } else {
                known(column, (String) value, path);
            }
        }
    }

    /**
     * An open set's value as the migrator keeps it ({@link OpenValues}; null: nothing is left of it), any other value
     * as it is: a filter written otherwise would match nothing.
     */
    private static String kept(Column column, String value) {
        return switch (column) {
            case CATEGORY -> OpenValues.categoryCode(value);
            case HASHTAG -> OpenValues.hashtag(value);
            case LANGUAGE -> OpenValues.language(value);
            case CLASSIFIER_LABEL -> OpenValues.classifierLabel(value);
            default -> value;
        };
    }

    /** A value its column never holds would match nothing: refused, with the values it takes and what was meant. */
    private void known(Column column, String value, String path) {
        Optional<Collection<String>> values = vocabularies.computeIfAbsent(column, known::of);
        values.flatMap(v -> unknownValue(column, value, v)).ifPresent(problem -> problem(path, problem));
    }

    /**
     * Why {@code value} is refused when {@code column} holds only {@code values} (with the values it takes and what was
     * probably meant); empty when it is one of them. Shared with the definitions that name such values beside filters
     * (an alert rule's communities).
     */
    public static Optional<String> unknownValue(Column column, String value, Collection<String> values) {
        if (values.contains(value)) {
            return Optional.empty();
        }
        List<String> listed = values.stream().limit(MAX_LISTED_VALUES).toList();
        int more = values.size() - listed.size();
        String meant = DidYouMean.closest(value, values).map(m -> " (did you mean " + m + "?)").orElse("");
        String takes = listed.isEmpty() ? "none yet" : String.join(", ", listed) + (more > 0 ? " and " + more + " more" : "");
        return Optional.of("'" + value + "' is not a value of " + column.jsonName() + meant + "; it takes " + takes);
    }

    private static boolean finiteNumber(Object value) {
        if (value instanceof Double d) {
            return Double.isFinite(d);
        }
        if (value instanceof BigDecimal b) {
            return b.abs().compareTo(BigDecimal.valueOf(1e15)) < 0;
        }
        return value instanceof Integer || value instanceof Long
                || value instanceof java.math.BigInteger b && b.bitLength() < 64;
    }

    private static String typeName(Column column) {
        return switch (column.type()) {
            case ID -> "an integer id";
            case STRING -> "a string of at most " + MAX_STRING_VALUE + " characters, without NUL";
            case BOOLEAN -> "true or false";
            case NUMBER -> "a number";
            case DURATION -> "a number of seconds";
            case TIMESTAMP -> "an ISO-8601 date or instant";
        };
    }

    private void grains(List<String> grains) {
        var seen = new HashSet<String>();
        for (int i = 0; i < grains.size(); i++) {
            String grain = grains.get(i);
            if (grain == null || Vocabulary.parse(Grain.class, grain).isEmpty()) {
                problem("$.grains[" + i + "]", "must be one of " + Vocabulary.allOf(Grain.class));
            } else if (!seen.add(grain)) {
                problem("$.grains[" + i + "]", "is listed twice");
            }
        }
    }

    private Set<String> dimensions(List<String> dimensions, String path) {
        var seen = new HashSet<String>();
        if (dimensions.size() > MAX_DIMENSIONS) {
            problem(path, "at most " + MAX_DIMENSIONS + " dimensions");
            return seen;
        }
        for (int i = 0; i < dimensions.size(); i++) {
            String name = dimensions.get(i);
            var column = name == null ? null : Column.named(name).orElse(null);
            if (column == null || column.kind() != Column.Kind.DIMENSION) {
                problem(path + "[" + i + "]", "must be a dimension: " + dimensionNames());
            } else if (!seen.add(name)) {
                problem(path + "[" + i + "]", "is listed twice");
            }
        }
        return seen;
    }

    private void expression(Expression e, String path, int depth) {
        if (e == null) {
            problem(path, "an expression is required");
            return;
        }
        if (depth > MAX_EXPRESSION_DEPTH) {
            problem(path, "nested deeper than " + MAX_EXPRESSION_DEPTH + " levels");
            return;
        }
        int kinds = (e.metric() != null ? 1 : 0) + (e.constant() != null ? 1 : 0) + (e.op() != null ? 1 : 0);
        if (kinds != 1) {
            problem(path, "must be exactly one of metric, constant or op");
            return;
        }
        if (e.metric() != null && !KEY.matcher(e.metric()).matches()) {
            problem(path + ".metric", "is not a metric key");
        }
        if (e.constant() != null && !Double.isFinite(e.constant())) {
            problem(path + ".constant", "must be a finite number");
        }
        if (e.op() != null) {
            if (Vocabulary.parse(ArithmeticOp.class, e.op()).isEmpty()) {
                problem(path + ".op", "must be one of " + Vocabulary.allOf(ArithmeticOp.class));
            }
            if (e.args() == null || e.args().size() != 2) {
                problem(path + ".args", "must be two expressions");
            } else {
                expression(e.args().get(0), path + ".args[0]", depth + 1);
                expression(e.args().get(1), path + ".args[1]", depth + 1);
            }
        } else if (e.args() != null) {
            problem(path + ".args", "only an op has args");
        }
    }

    /** Every referenced metric exists and allows this metric's grains and dimensions; no path leads back here. */
    private void references(MetricDefinition d) {
        for (String key : new java.util.LinkedHashSet<>(d.references())) {
            if (key.equals(d.key())) {
                problem("$.expression", "refers to itself: " + key);
                continue;
            }
            var referenced = lookup.find(key);
            if (referenced.isEmpty()) {
                problem("$.expression", "unknown metric reference: " + key);
                continue;
            }
            for (String grain : d.grains()) {
                if (!referenced.get().grains().contains(grain)) {
                    problem("$.grains", key + " does not allow the grain " + grain);
                }
            }
            for (String dimension : d.dimensions()) {
                if (!referenced.get().dimensions().contains(dimension)) {
                    problem("$.dimensions", key + " does not allow the dimension " + dimension);
                }
            }
            List<String> cycle = cycleBackTo(d.key(), key, new ArrayList<>(List.of(d.key())));
            if (cycle != null) {
                problem("$.expression", "cycle: " + String.join(" -> ", cycle));
            }
        }
    }

    private List<String> cycleBackTo(String origin, String key, List<String> path) {
        path.add(key);
        if (key.equals(origin)) {
            return path;
        }
        if (path.size() > 64) {
            return null; // beyond any reasonable chain; bi-service refuses to evaluate that deep anyway
        }
        var definition = lookup.find(key);
        if (definition.isPresent()) {
            for (String next : new java.util.LinkedHashSet<>(definition.get().references())) {
                if (path.subList(1, path.size()).contains(next)) {
                    continue;
                }
                var found = cycleBackTo(origin, next, new ArrayList<>(path));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private void text(String value, String path, int max) {
        textProblem(value, max).ifPresent(problem -> problem(path, problem));
    }

    /** What is wrong with a required text of at most {@code max} characters (a name, a description), if anything. */
    public static Optional<String> textProblem(String value, int max) {
        if (value == null || value.isBlank()) {
            return Optional.of("is required");
        }
        return value.length() > max ? Optional.of("is " + value.length() + " characters long; at most " + max)
                : Optional.empty();
    }

    private static String knownColumns() {
        return String.join(", ", java.util.Arrays.stream(Column.values()).map(Column::jsonName).toList());
    }

    /** The columns a metric may be grouped by, as a sentence lists them. */
    public static String dimensionNames() {
        return String.join(", ", java.util.Arrays.stream(Column.values())
                .filter(c -> c.kind() == Column.Kind.DIMENSION).map(Column::jsonName).toList());
    }

    private void problem(String path, String message) {
        problems.add(new Problem(path, message));
    }
}
