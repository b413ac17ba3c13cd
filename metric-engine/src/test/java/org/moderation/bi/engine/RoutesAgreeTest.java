package org.moderation.bi.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.moderation.bi.engine.support.GeneratedReadModel;
import org.moderation.bi.engine.support.ReadModelDatabase;
import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.Expression;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.Measure;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.Vocabulary.Grain;
import org.moderation.bi.shared.metrics.Vocabulary;

/**
 * Whatever pre-aggregations the router picks, the numbers are those of the facts: random windows (whole months,
 * weeks, days, hours and ragged edges), grains, zones, groupings (by category too), scopes and filters (on category
 * too), each answered twice, once as routed and once forced onto the facts by a filter that holds for every row. The
 * built-ins include the removal rate within the horizon the pre-aggregations keep (14 days), so their count agrees
 * with the facts' rule.
 */
class RoutesAgreeTest {

    private static final Filter EVERY_ROW = new Filter(Column.SUBMISSION_ID.jsonName(), "is_not_null", null, null);
    private static final List<ResolvedMetric> METRICS = metrics();
    private static final List<ZoneId> ZONES = List.of(ZoneOffset.UTC, ZoneOffset.UTC, ZoneId.of("Europe/Berlin"),
            ZoneId.of("America/New_York"), ZoneId.of("Asia/Kolkata"), ZoneId.of("Australia/Adelaide"),
            ZoneId.of("America/St_Johns"), ZoneId.of("Asia/Kathmandu"));

    private static ReadModelDatabase database;
    private static Snapshots snapshots;
    private final MetricEngine engine = new MetricEngine(Clock.systemUTC());

    @BeforeAll
    static void readModel() throws Exception {
        database = ReadModelDatabase.create();
        GeneratedReadModel.load(database, 6_000);
        snapshots = new Snapshots(database.dataSource(), java.time.Duration.ofSeconds(30));
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void theDataSpreadsOverEveryRouteAndHasTakedownsNotYetDue() throws Exception {
        try (var connection = database.connect(); var rows = connection.createStatement().executeQuery("""
                SELECT count(DISTINCT submitted_at::date), count(*) FILTER (WHERE effective_takedown_at > now()),
                       count(*) FILTER (WHERE effective_takedown_at - submitted_at <= interval '14 days'),
                       count(*) FILTER (WHERE effective_takedown_at - submitted_at > interval '14 days'),
                       count(*) FILTER (WHERE effective_takedown_at - submitted_at <= interval '14 days'
                                        AND effective_takedown_at > now())
                FROM mv_submission_facts""")) {
            rows.next();
            assertThat(rows.getLong(1)).as("days with submissions").isGreaterThan(700);
            assertThat(rows.getLong(2)).as("takedowns dated after now (a clock ahead)").isPositive();
            assertThat(rows.getLong(3)).as("takedowns within the kept horizon of their submission").isPositive();
            assertThat(rows.getLong(4)).as("takedowns after it").isPositive();
            assertThat(rows.getLong(5)).as("takedowns within it, dated after now").isPositive();
        }
    }

    @Test
    void everyRouteGivesTheNumbersOfTheFacts() throws Exception {
        var random = new Random(7);
        var routes = new ArrayList<String>();
        var cohorts = new ArrayList<String>();
        for (int i = 0; i < 240; i++) {
            Question routed = question(random);
            var forced = new ArrayList<>(routed.filters());
            forced.add(EVERY_ROW);
            Question facts = new Question(routed.metrics(), routed.from(), routed.to(), routed.zone(), routed.grain(),
                    routed.everyBucket(), routed.groupings(), forced, routed.scope(), routed.rowLimit(), routed.top(),
                    null);

            Answer answer = snapshots.read(routed.from(), routed.to(), s -> engine.evaluate(s, routed));
            Answer expected = snapshots.read(routed.from(), routed.to(), s -> engine.evaluate(s, facts));

            for (ResolvedMetric metric : routed.metrics()) {
                assertThat(values(answer.result(metric.key()))).as(metric.key() + " for " + routed)
                        .isEqualTo(values(expected.result(metric.key())));
                assertThat(expected.result(metric.key()).provenance().readFrom()).containsOnly("mv_submission_facts");
            }
            routes.addAll(answer.result("submissions").provenance().readFrom());
            cohorts.addAll(answer.result("removal_rate").provenance().readFrom());
        }
        assertThat(cohorts).as("the kept horizon's count is read from the pre-aggregations too")
                .contains("mv_monthly_rollup", "mv_daily_total_rollup", "mv_hourly_rollup");
        assertThat(routes).as("the questions reach every pre-aggregation").contains("mv_monthly_rollup",
                "mv_weekly_rollup", "mv_daily_rollup", "mv_daily_by_community_rollup", "mv_daily_total_rollup",
                "mv_hourly_rollup", "mv_hourly_total_rollup",
                "mv_quarter_hourly_total_rollup", "mv_quarter_hourly_by_community_rollup", "mv_submission_facts",
                "mv_daily_by_platform_rollup",
                "mv_weekly_by_platform_rollup", "mv_monthly_by_platform_rollup", "mv_weekly_by_community_rollup",
                "mv_monthly_by_community_rollup", "mv_daily_by_category_rollup", "mv_weekly_by_category_rollup",
                "mv_monthly_by_category_rollup", "mv_daily_by_community_and_category_rollup",
                "mv_weekly_by_community_and_category_rollup", "mv_monthly_by_community_and_category_rollup",
                "mv_daily_by_hashtag_rollup");
    }

    @Test
    void localDaysWeeksAndMonthsHoldTheSubmissionsPostgresDateTruncPutsInThem() throws Exception {
        // The engine finds a row's local bucket among the buckets' edges; PostgreSQL's date_trunc is the reference.
        var random = new Random(11);
        ResolvedMetric submissions = ResolvedMetric.builtIn(BuiltInMetrics.SUBMISSIONS);
        List<ZoneId> zones = List.of(ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"),
                ZoneId.of("Asia/Kolkata"), ZoneId.of("Australia/Adelaide"), ZoneId.of("America/St_Johns"),
                ZoneId.of("America/Santiago"), ZoneId.of("Pacific/Apia"));
        for (int i = 0; i < 40; i++) {
            ZoneId zone = zones.get(random.nextInt(zones.size()));
            Grain grain = List.of(Grain.DAY, Grain.WEEK, Grain.MONTH).get(random.nextInt(3));
            Instant from = align(Instant.now().minus(1 + random.nextInt(700), ChronoUnit.DAYS), random);
            Instant to = from.plus(1 + random.nextInt(200), ChronoUnit.DAYS);
            // Forced onto the facts: every submission's own time is bucketed, none summed from a rollup first.
            Question question = new Question(List.of(submissions), from, to, zone, grain, false, List.of(List.of()),
                    List.of(EVERY_ROW), Scope.everything(), 100_000);

            Answer answer = snapshots.read(from, to, s -> engine.evaluate(s, question));

            var counted = new java.util.TreeMap<Instant, Long>();
            answer.result(submissions.key()).values().stream().filter(v -> v.value() != null && v.value() > 0)
                    .forEach(v -> counted.put(v.bucket(), Math.round(v.value())));
            var expected = new java.util.TreeMap<Instant, Long>();
            try (var connection = database.connect(); var statement = connection.prepareStatement("""
                    SELECT date_trunc(?, submitted_at, ?), count(*) FROM mv_submission_facts
                    WHERE submitted_at >= ? AND submitted_at < ? GROUP BY 1""")) {
                statement.setString(1, Vocabulary.jsonName(grain));
                statement.setString(2, zone.getId());
                statement.setObject(3, from.atOffset(ZoneOffset.UTC));
                statement.setObject(4, to.atOffset(ZoneOffset.UTC));
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        expected.put(rows.getObject(1, java.time.OffsetDateTime.class).toInstant(), rows.getLong(2));
                    }
                }
            }
            assertThat(counted).as("%s by %s over [%s, %s)", zone, grain, from, to).isEqualTo(expected);
        }
    }

    private static Question question(Random random) {
        Instant now = Instant.now();
        Grain grain = List.of(Grain.values()).get(random.nextInt(5) % 4);
        boolean totals = random.nextInt(3) == 0;
        Instant from;
        Instant to;
        if (grain == Grain.HOUR && !totals) {
            from = now.truncatedTo(ChronoUnit.HOURS).minus(random.nextInt(6 * 24), ChronoUnit.HOURS)
                    .plusSeconds(random.nextBoolean() ? 0 : random.nextInt(3600));
            to = from.plus(1 + random.nextInt(40), ChronoUnit.HOURS);
        } else {
            from = align(now.minus(1 + random.nextInt(700), ChronoUnit.DAYS), random);
            Instant end = align(from.plus(1 + random.nextInt(400), ChronoUnit.DAYS), random);
            to = end.isAfter(from) ? end : from.plus(1, ChronoUnit.DAYS);
        }
        // Whole-hour zones (DST days of 23 and 25 hours among their buckets) read the hourly rollups; half and
        // quarter hours the quarter-hourly ones.
        ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
        // The total alone twice, like everything below: only it reads the daily rollup without dimensions.
        List<List<List<Column>>> choices = List.of(List.of(List.of()), List.of(List.of()),
                List.of(List.of(), List.of(Column.PLATFORM)),
                List.of(List.of(Column.COMMUNITY)), List.of(List.of(), List.of(Column.COMMUNITY,
                        Column.PLATFORM_DETAIL)), List.of(List.of(), List.of(Column.PLATFORM),
                        List.of(Column.PLATFORM_DETAIL), List.of(Column.COMMUNITY)));
        // By category (each submission once per code, with the distinct total or with community), or filtered by it:
        // the rollups by category answer what picks one row per code, the facts the rest.
        List<List<List<Column>>> byCategory = List.of(List.of(List.of(Column.CATEGORY), List.of()),
                List.of(List.of(Column.CATEGORY)), List.of(List.of(Column.COMMUNITY, Column.CATEGORY), List.of()),
                List.of(List.of(Column.HASHTAG), List.of()), List.of(List.of(Column.HASHTAG), List.of()));
        boolean categories = random.nextInt(3) == 0;
        List<List<Column>> groupings = categories && random.nextInt(4) > 0
                ? byCategory.get(random.nextInt(byCategory.size())) : choices.get(random.nextInt(choices.size()));
        // Everything twice: only a question over everything reads the rollups without community.
        Scope scope = List.of(Scope.everything(), Scope.everything(), new Scope(false, List.of("north")),
                new Scope(false, List.of("south", "east")), new Scope(false, List.of())).get(random.nextInt(5));
        var filters = new ArrayList<Filter>();
        if (random.nextInt(3) == 0) {
            filters.add(new Filter("platform", "eq", "meta", null));
        }
        if (categories && random.nextBoolean()) {
            filters.add(List.of(new Filter("category", "eq", "conspiracy", null),
                    new Filter("category", "in", null, List.of("conspiracy", "glorification")),
                    new Filter("category", "in", null, List.of("dehumanisation")),
                    new Filter("category", "all_of", null, List.of("conspiracy", "holocaust_denial")),
                    new Filter("category", "neq", "holocaust_denial", null),
                    new Filter("category", "is_null", null, null),
                    new Filter("category", "is_not_null", null, null),
                    new Filter("hashtag", "eq", "tag2", null),
                    new Filter("hashtag", "in", null, List.of("tag1", "tag3"))).get(random.nextInt(9)));
        }
        // A top N of the first grouping set's many-valued dimension: its groups, "other" and ranking both ways.
        List<Column> first = groupings.getFirst();
        Integer top = first.size() == 1 && first.getFirst().manyValued() && random.nextBoolean() ? 2 : null;
        // Without the metric filtered by platform, a question by community may read the rollup by community only, and
        // one by category or hashtag the rollups by them (none keeps the platform too).
        List<ResolvedMetric> metrics = random.nextInt(categories ? 4 : 2) == 0 ? METRICS
                : METRICS.stream().filter(m -> !m.key().equals("meta_share")).toList();
        return new Question(metrics, from, to, zone, totals ? null : grain, random.nextBoolean(), groupings, filters,
                scope, 100_000, top, null);
    }

    /** Whole months, weeks, days, hours or quarter hours (UTC), or any second. */
    private static Instant align(Instant instant, Random random) {
        var utc = instant.atOffset(ZoneOffset.UTC);
        return switch (random.nextInt(6)) {
            case 0 -> utc.toLocalDate().withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            case 1 -> utc.toLocalDate().with(java.time.DayOfWeek.MONDAY).atStartOfDay(ZoneOffset.UTC).toInstant();
            case 2 -> instant.truncatedTo(ChronoUnit.DAYS);
            case 3 -> instant.truncatedTo(ChronoUnit.HOURS);
            case 4 -> Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), 900) * 900);
            default -> instant.truncatedTo(ChronoUnit.SECONDS);
        };
    }

    /** Values as text, so that equal numbers from any route compare equal. */
    private static List<String> values(Answer.Result result) {
        var values = new ArrayList<String>();
        result.values().forEach(v -> values.add(value(v)));
        result.other().forEach(v -> values.add("other " + value(v)));
        return values;
    }

    private static String value(Answer.Value v) {
        return v.grouping() + " " + v.bucket() + " " + new java.util.TreeMap<>(v.group()) + " " + round(v.value()) + " "
                + round(v.numerator()) + " " + round(v.denominator());
    }

    private static String round(Double value) {
        return value == null ? "null" : String.format("%.6f", value);
    }

    private static List<ResolvedMetric> metrics() {
        var builtIns = new ArrayList<ResolvedMetric>();
        BuiltInMetrics.ALL.forEach(m -> builtIns.add(ResolvedMetric.builtIn(m)));
        var rate = builtIns.stream().filter(m -> m.key().equals("removal_rate")).findFirst().orElseThrow();
        var removals = builtIns.stream().filter(m -> m.key().equals("removals")).findFirst().orElseThrow();
        var metaShare = new MetricDefinition("meta_share", "Meta share", "Submissions on Meta's platforms.", "ratio",
                "ratio", null, new Measure("count", null, "submitted_at", List.of(new Filter("platform", "eq", "meta",
                        null))), new Measure("count", null, "submitted_at", List.of()), null, List.of("day"),
                List.of("community"), List.of());
        var perRemoval = new MetricDefinition("removal_rate_per_removal", "Rate per removal", "Arithmetic.",
                "derived", "ratio", null, null, null, Expression.of(Vocabulary.ArithmeticOp.DIVIDE,
                        Expression.metric("removal_rate"), Expression.metric("removals")), List.of("day"),
                List.of("community"), List.of());
        var withinAWeek = new MetricDefinition("removal_rate_7d", "Within 7 days", "A horizon no rollup keeps.",
                "ratio", "ratio", null, rate.definition().numerator(), rate.definition().denominator(), null,
                List.of("day"), List.of("community"), List.of(), "P7D");
        builtIns.add(new ResolvedMetric("meta_share", 1, "published", "test", metaShare, Map.of()));
        builtIns.add(new ResolvedMetric("removal_rate_7d", 1, "published", "test", withinAWeek, Map.of()));
        builtIns.add(new ResolvedMetric("removal_rate_per_removal", 1, "published", "test", perRemoval,
                Map.of("removal_rate", rate, "removals", removals)));
        return List.copyOf(builtIns);
    }
}
