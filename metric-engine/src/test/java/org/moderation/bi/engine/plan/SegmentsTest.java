package org.moderation.bi.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.moderation.bi.engine.sql.Declarations;
import org.moderation.bi.engine.support.ReadModelDatabase;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.Vocabulary.Grain;

/** Routing over the pre-aggregations the read model's migrations declare, read as the engine reads them. */
class SegmentsTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:30:00Z");
    /** Only the rollups of every dimension keep both. */
    private static final Set<Column> BOTH = Set.of(Column.COMMUNITY, Column.PLATFORM);

    private static PreAggregations declared;
    private static Segments segments;

    @BeforeAll
    static void declarations() throws Exception {
        try (var database = ReadModelDatabase.create(); var connection = database.connect()) {
            declared = Declarations.read(connection, 0);
        }
        segments = new Segments(declared);
    }

    @Test
    void aYearIsMonthsInsideWeeksAroundThemAndDaysAtTheEdges() {
        assertThat(cover("2025-11-24T00:00:00Z", "2026-11-24T00:00:00Z", null, ZoneOffset.UTC, BOTH)).containsExactly(
                "weekly 2025-11-24T00:00:00Z 2025-12-01T00:00:00Z",
                "monthly 2025-12-01T00:00:00Z 2026-11-01T00:00:00Z",
                "daily 2026-11-01T00:00:00Z 2026-11-02T00:00:00Z",
                "weekly 2026-11-02T00:00:00Z 2026-11-23T00:00:00Z",
                "daily 2026-11-23T00:00:00Z 2026-11-24T00:00:00Z");
    }

    @Test
    void raggedEdgesAreReadFromTheHoursWithinTheirHorizonAndFromTheFactsBeyondIt() {
        assertThat(cover("2026-11-20T10:15:00Z", "2026-11-24T09:00:00Z", null, ZoneOffset.UTC, BOTH)).containsExactly(
                "facts 2026-11-20T10:15:00Z 2026-11-20T11:00:00Z",
                "hourly 2026-11-20T11:00:00Z 2026-11-21T00:00:00Z",
                "daily 2026-11-21T00:00:00Z 2026-11-24T00:00:00Z",
                "hourly 2026-11-24T00:00:00Z 2026-11-24T09:00:00Z");
        assertThat(cover("2026-01-10T10:15:00Z", "2026-01-12T00:00:00Z", null, ZoneOffset.UTC, BOTH)).containsExactly(
                "facts 2026-01-10T10:15:00Z 2026-01-11T00:00:00Z",
                "daily 2026-01-11T00:00:00Z 2026-01-12T00:00:00Z");
    }

    @Test
    void bucketsOnlyReadWhatNestsInThem() {
        assertThat(cover("2026-08-26T00:00:00Z", "2026-10-01T00:00:00Z", Grain.WEEK, ZoneOffset.UTC, BOTH))
                .containsExactly("daily 2026-08-26T00:00:00Z 2026-08-31T00:00:00Z",
                        "weekly 2026-08-31T00:00:00Z 2026-09-28T00:00:00Z",
                        "daily 2026-09-28T00:00:00Z 2026-10-01T00:00:00Z");
        assertThat(cover("2026-08-26T00:00:00Z", "2026-10-01T00:00:00Z", Grain.DAY, ZoneOffset.UTC, BOTH))
                .containsExactly("daily 2026-08-26T00:00:00Z 2026-10-01T00:00:00Z");
        assertThat(cover("2026-06-01T00:00:00Z", "2026-10-01T00:00:00Z", Grain.MONTH, ZoneOffset.UTC, BOTH))
                .containsExactly("monthly 2026-06-01T00:00:00Z 2026-10-01T00:00:00Z");
    }

    @Test
    void bucketsInAnotherZoneComeFromHoursOrQuarterHoursWhicheverItsOffsetIsWhole() {
        assertThat(cover("2026-11-20T00:00:00Z", "2026-11-23T00:00:00Z", Grain.DAY, ZoneId.of("Europe/Berlin"),
                BOTH)).containsExactly("hourly 2026-11-20T00:00:00Z 2026-11-23T00:00:00Z");
        assertThat(cover("2026-11-20T00:00:00Z", "2026-11-23T00:00:00Z", Grain.DAY, ZoneId.of("Asia/Kolkata"),
                BOTH)).as("no quarter hours by platform: the facts at the edges of Kolkata's days")
                .containsExactly("hourly 2026-11-20T00:00:00Z 2026-11-20T18:00:00Z",
                        "facts 2026-11-20T18:00:00Z 2026-11-20T19:00:00Z",
                        "hourly 2026-11-20T19:00:00Z 2026-11-21T18:00:00Z",
                        "facts 2026-11-21T18:00:00Z 2026-11-21T19:00:00Z",
                        "hourly 2026-11-21T19:00:00Z 2026-11-22T18:00:00Z",
                        "facts 2026-11-22T18:00:00Z 2026-11-22T19:00:00Z",
                        "hourly 2026-11-22T19:00:00Z 2026-11-23T00:00:00Z");
        // Adelaide's DST moves its offset between +09:30 and +10:30, St John's between -03:30 and -02:30.
        for (String zone : List.of("Asia/Kolkata", "Asia/Kathmandu", "Australia/Adelaide", "America/St_Johns")) {
            assertThat(cover("2025-11-19T18:15:00Z", "2026-11-22T18:15:00Z", Grain.DAY, ZoneId.of(zone),
                    Set.of(Column.COMMUNITY))).as(zone).extracting(segment -> segment.split(" ")[0])
                    .containsOnly("quarter_hourly_by_community");
        }
    }

    @Test
    void aManagersRecentHoursAreTheirQuarterHoursNotTheHoursOfEveryDimension() {
        // Berlin's last three days by day: no UTC day lies inside a Berlin day, so all of it is hours or quarter hours.
        assertThat(cover("2026-11-20T23:00:00Z", "2026-11-23T23:00:00Z", Grain.DAY, ZoneId.of("Europe/Berlin"),
                Set.of(Column.COMMUNITY))).containsExactly(
                "quarter_hourly_by_community 2026-11-20T23:00:00Z 2026-11-23T23:00:00Z");
        assertThat(cover("2026-11-20T23:00:00Z", "2026-11-23T23:00:00Z", Grain.DAY, ZoneId.of("Europe/Berlin"),
                BOTH)).as("by community and platform: only the hours keep both").containsExactly(
                "hourly 2026-11-20T23:00:00Z 2026-11-23T23:00:00Z");
    }

    @Test
    void aLocalMonthIsTheWholeUtcDaysAndWeeksInsideItAndHoursAtItsEdges() {
        // March 2026 in Berlin: from 23:00 UTC on 28 February (+01:00) to 22:00 UTC on 31 March (+02:00 after DST).
        assertThat(cover("2026-02-28T23:00:00Z", "2026-03-31T22:00:00Z", Grain.MONTH, ZoneId.of("Europe/Berlin"),
                Set.of(Column.COMMUNITY))).containsExactly(
                "quarter_hourly_by_community 2026-02-28T23:00:00Z 2026-03-01T00:00:00Z",
                "daily_by_community 2026-03-01T00:00:00Z 2026-03-02T00:00:00Z",
                "weekly_by_community 2026-03-02T00:00:00Z 2026-03-30T00:00:00Z",
                "daily_by_community 2026-03-30T00:00:00Z 2026-03-31T00:00:00Z",
                "quarter_hourly_by_community 2026-03-31T00:00:00Z 2026-03-31T22:00:00Z");
        // Two local weeks in New York (-05:00): the hours at their meeting are one stretch.
        assertThat(cover("2026-01-05T05:00:00Z", "2026-01-19T05:00:00Z", Grain.WEEK, ZoneId.of("America/New_York"),
                Set.of())).containsExactly(
                "hourly_total 2026-01-05T05:00:00Z 2026-01-06T00:00:00Z",
                "daily_total 2026-01-06T00:00:00Z 2026-01-12T00:00:00Z",
                "hourly_total 2026-01-12T00:00:00Z 2026-01-13T00:00:00Z",
                "daily_total 2026-01-13T00:00:00Z 2026-01-19T00:00:00Z",
                "hourly_total 2026-01-19T00:00:00Z 2026-01-19T05:00:00Z");
        assertThat(cover("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", Grain.DAY, ZoneId.of("Europe/Berlin"),
                BOTH)).containsExactly("facts 2026-01-01T00:00:00Z 2026-02-01T00:00:00Z");
    }

    @Test
    void aLocalWindowHalfAnHourOffUtcIsItsWholeDaysThenHoursThenQuarterHoursAtItsEdges() {
        // 10 to 13 January 2026 in Kolkata (+05:30).
        assertThat(cover("2026-01-09T18:30:00Z", "2026-01-12T18:30:00Z", null, ZoneId.of("Asia/Kolkata"), Set.of()))
                .containsExactly("quarter_hourly_total 2026-01-09T18:30:00Z 2026-01-09T19:00:00Z",
                        "hourly_total 2026-01-09T19:00:00Z 2026-01-10T00:00:00Z",
                        "daily_total 2026-01-10T00:00:00Z 2026-01-12T00:00:00Z",
                        "hourly_total 2026-01-12T00:00:00Z 2026-01-12T18:00:00Z",
                        "quarter_hourly_total 2026-01-12T18:00:00Z 2026-01-12T18:30:00Z");
        assertThat(cover("2026-01-09T18:30:00Z", "2026-01-09T18:40:00Z", null, ZoneOffset.UTC, Set.of()))
                .as("less than a quarter hour").containsExactly("facts 2026-01-09T18:30:00Z 2026-01-09T18:40:00Z");
    }

    @Test
    void theLeanestRollupThatKeepsWhatIsAskedIsRead() {
        assertThat(cover("2026-01-05T00:00:00Z", "2026-01-08T00:00:00Z", Grain.DAY, ZoneOffset.UTC,
                Set.of(Column.COMMUNITY))).containsExactly("daily_by_community 2026-01-05T00:00:00Z 2026-01-08T00:00:00Z");
        assertThat(cover("2026-01-05T00:00:00Z", "2026-01-08T00:00:00Z", Grain.DAY, ZoneOffset.UTC,
                Set.of(Column.COMMUNITY, Column.PLATFORM_DETAIL)))
                .containsExactly("daily 2026-01-05T00:00:00Z 2026-01-08T00:00:00Z");
        // A year by platform, or by community, reads the rollups of only that, at every unit.
        for (var only : List.of(Set.of(Column.PLATFORM), Set.of(Column.COMMUNITY))) {
            String by = only.contains(Column.PLATFORM) ? "_by_platform" : "_by_community";
            assertThat(cover("2025-11-24T00:00:00Z", "2026-11-24T00:00:00Z", null, ZoneOffset.UTC, only))
                    .containsExactly("weekly" + by + " 2025-11-24T00:00:00Z 2025-12-01T00:00:00Z",
                            "monthly" + by + " 2025-12-01T00:00:00Z 2026-11-01T00:00:00Z",
                            "daily" + by + " 2026-11-01T00:00:00Z 2026-11-02T00:00:00Z",
                            "weekly" + by + " 2026-11-02T00:00:00Z 2026-11-23T00:00:00Z",
                            "daily" + by + " 2026-11-23T00:00:00Z 2026-11-24T00:00:00Z");
        }
        assertThat(cover("2026-01-05T00:00:00Z", "2026-01-08T00:00:00Z", Grain.DAY, ZoneOffset.UTC, Set.of()))
                .containsExactly("daily_total 2026-01-05T00:00:00Z 2026-01-08T00:00:00Z");
    }

    @Test
    void groupingSetsThatTheSameRollupsAnswerShareARouteAndTheirProductIsNeverRead() {
        List<List<Column>> overview = List.of(List.of(), List.of(Column.PLATFORM), List.of(Column.PLATFORM_DETAIL),
                List.of(Column.COMMUNITY));

        assertThat(segments.routes(overview, Set.of())).as("everything")
                .containsExactly(List.of(0, 1, 2), List.of(3));
        assertThat(segments.routes(overview, Set.of(Column.COMMUNITY))).as("a manager's communities")
                .containsExactly(List.of(0, 1, 2, 3));
        assertThat(segments.routes(overview, Set.of(Column.PLATFORM))).as("filtered by platform")
                .containsExactly(List.of(0, 1, 2), List.of(3));
        assertThat(segments.routes(List.of(List.of(Column.COMMUNITY), List.of()), Set.of()))
                .containsExactly(List.of(0, 1));
        assertThat(segments.routes(List.of(List.of(), List.of(Column.COMMUNITY, Column.PLATFORM),
                List.of(Column.PLATFORM_DETAIL)), Set.of())).as("a product answers its parts")
                .containsExactly(List.of(0, 1, 2));
    }

    @Test
    void aRollupByCategoryIsReadOnlyForQuestionsThatAskForCategory() {
        assertThat(cover("2025-11-24T00:00:00Z", "2026-11-24T00:00:00Z", Grain.WEEK, ZoneOffset.UTC,
                Set.of(Column.CATEGORY))).containsExactly(
                        "weekly_by_category 2025-11-24T00:00:00Z 2026-11-23T00:00:00Z",
                        "daily_by_category 2026-11-23T00:00:00Z 2026-11-24T00:00:00Z");
        assertThat(cover("2026-01-05T00:00:00Z", "2026-01-08T00:00:00Z", Grain.DAY, ZoneOffset.UTC,
                Set.of(Column.CATEGORY, Column.COMMUNITY)))
                .containsExactly("daily_by_community_and_category 2026-01-05T00:00:00Z 2026-01-08T00:00:00Z");
        assertThat(cover("2026-01-05T00:00:00Z", "2026-01-08T00:00:00Z", Grain.DAY, ZoneOffset.UTC,
                Set.of(Column.CATEGORY, Column.PLATFORM))).as("no rollup by platform and category")
                .containsExactly("facts 2026-01-05T00:00:00Z 2026-01-08T00:00:00Z");
        assertThat(cover("2026-11-24T02:00:00Z", "2026-11-24T08:00:00Z", null, ZoneOffset.UTC,
                Set.of(Column.CATEGORY))).as("no hours by category")
                .containsExactly("facts 2026-11-24T02:00:00Z 2026-11-24T08:00:00Z");
        // By community alone: a rollup by community and category counts a submission once per code.
        assertThat(cover("2026-01-05T00:00:00Z", "2026-01-08T00:00:00Z", Grain.DAY, ZoneOffset.UTC,
                Set.of(Column.COMMUNITY)))
                .containsExactly("daily_by_community 2026-01-05T00:00:00Z 2026-01-08T00:00:00Z");

        List<List<Column>> byCategory = List.of(List.of(Column.CATEGORY), List.of());
        assertThat(segments.routes(byCategory, Set.of())).as("the groups and the distinct total apart")
                .containsExactly(List.of(0), List.of(1));
        Instant from = Instant.parse("2026-11-24T02:01:00Z");
        Instant to = Instant.parse("2026-11-24T02:14:00Z");
        var facts = List.of(new Segment(null, from, to));
        assertThat(segments.plan(from, to, null, ZoneOffset.UTC, byCategory, Set.of(), NOW))
                .as("both from the same facts, still apart: one reads them once per code").containsExactly(
                        new Segments.Route(List.of(0), facts), new Segments.Route(List.of(1), facts));
    }

    @Test
    void routesThatReadTheSameSegmentsAreOneStatement() {
        List<List<Column>> overview = List.of(List.of(), List.of(Column.PLATFORM), List.of(Column.COMMUNITY));
        Instant yearAgo = Instant.parse("2025-11-24T00:00:00Z");

        assertThat(segments.plan(yearAgo, Instant.parse("2026-11-24T00:00:00Z"), null, ZoneOffset.UTC, overview,
                Set.of(), NOW)).extracting(Segments.Route::sets).as("a year: days, weeks and months of each")
                .containsExactly(List.of(0, 1), List.of(2));
        assertThat(segments.plan(Instant.parse("2026-11-24T02:00:00Z"), Instant.parse("2026-11-24T08:00:00Z"), null,
                ZoneOffset.UTC, overview, Set.of(), NOW))
                .as("six hours: the total and by platform from the hours, by community from its quarter hours")
                .containsExactly(new Segments.Route(List.of(0, 1), List.of(new Segment(declared("hourly"),
                        Instant.parse("2026-11-24T02:00:00Z"), Instant.parse("2026-11-24T08:00:00Z")))),
                        new Segments.Route(List.of(2), List.of(new Segment(declared("quarter_hourly_by_community"),
                        Instant.parse("2026-11-24T02:00:00Z"), Instant.parse("2026-11-24T08:00:00Z")))));
        assertThat(segments.plan(yearAgo, Instant.parse("2025-12-24T00:00:00Z"), Grain.DAY,
                ZoneId.of("Europe/Berlin"), List.of(List.of()), Set.of(Column.COMMUNITY), NOW))
                .as("a manager's days in Berlin, a year ago: quarter hours of their communities, whatever their age")
                .containsExactly(new Segments.Route(List.of(0), List.of(new Segment(
                        declared("quarter_hourly_by_community"),
                        yearAgo, Instant.parse("2025-12-24T00:00:00Z")))));
        List<Segments.Route> kolkata = segments.plan(yearAgo, Instant.parse("2025-12-24T00:00:00Z"), Grain.DAY,
                ZoneId.of("Asia/Kolkata"), overview, Set.of(), NOW);
        assertThat(kolkata).extracting(Segments.Route::sets)
                .as("days of a zone half an hour off UTC: by community from quarter hours, by platform from the facts")
                .containsExactly(List.of(0, 1), List.of(2));
        assertThat(kolkata.getFirst().cover()).containsExactly(new Segment(null, yearAgo,
                Instant.parse("2025-12-24T00:00:00Z")));
        assertThat(kolkata.getLast().cover()).extracting(segment -> segment.source().declaredName())
                .containsOnly("quarter_hourly_by_community");
    }

    @Test
    void theSegmentsCoverTheWindowOnceWithoutGapsOrOverlaps() {
        // Zones whose clocks did odd things: midnight skipped (Santiago, Beirut), a day skipped (Apia, 30 December
        // 2011), changes at 00:01 back to 23:01 the day before (St John's until 2011).
        List<ZoneId> zones = List.of(ZoneOffset.UTC, ZoneId.of("Europe/Berlin"), ZoneId.of("Asia/Kolkata"),
                ZoneId.of("America/Santiago"), ZoneId.of("Asia/Beirut"), ZoneId.of("Pacific/Apia"),
                ZoneId.of("America/St_Johns"));
        var random = new Random(3);
        for (int i = 0; i < 2_000; i++) {
            Instant from = Instant.parse(random.nextBoolean() ? "2011-12-28T00:00:00Z" : "2007-06-01T00:00:00Z")
                    .plus(random.nextInt(8_000_000), ChronoUnit.MINUTES)
                    .truncatedTo(random.nextBoolean() ? ChronoUnit.DAYS : ChronoUnit.MINUTES);
            Instant to = from.plus(1 + random.nextInt(1_000_000), ChronoUnit.MINUTES);
            Grain grain = random.nextInt(5) == 0 ? null : Grain.values()[random.nextInt(4)];
            ZoneId zone = zones.get(random.nextInt(zones.size()));
            Set<Column> needed = random.nextBoolean() ? BOTH : Set.of();
            List<Segment> cover = segments.cover(from, to, grain, zone, needed, NOW);
            String asked = from + ".." + to + " " + grain + " " + zone + " " + needed;
            assertThat(cover.getFirst().from()).as(asked).isEqualTo(from);
            assertThat(cover.getLast().to()).as(asked).isEqualTo(to);
            for (int s = 0; s < cover.size(); s++) {
                assertThat(cover.get(s).from()).as(asked).isBefore(cover.get(s).to());
                if (s > 0) {
                    assertThat(cover.get(s).from()).as(asked).isEqualTo(cover.get(s - 1).to());
                }
            }
        }
    }

    @Test
    void aZoneWhoseDatesAreNoStretchesOfQuarterHoursIsReadAsBefore() {
        // St John's turned its clocks back from 00:01 to 23:01 the day before, until 2011: a week there that holds one
        // of those nights is read from the facts, not from UTC days.
        assertThat(cover("2008-10-27T02:30:00Z", "2008-11-10T03:30:00Z", Grain.WEEK, ZoneId.of("America/St_Johns"),
                Set.of())).containsExactly("facts 2008-10-27T02:30:00Z 2008-11-10T03:30:00Z");
        assertThat(cover("2012-10-29T02:30:00Z", "2012-11-12T03:30:00Z", Grain.WEEK, ZoneId.of("America/St_Johns"),
                Set.of())).extracting(segment -> segment.split(" ")[0])
                .containsOnly("quarter_hourly_total", "hourly_total", "daily_total");
    }

    private static PreAggregation declared(String name) {
        return declared.all().stream().filter(p -> p.declaredName().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> cover(String from, String to, Grain grain, ZoneId zone, Set<Column> needed) {
        return segments.cover(Instant.parse(from), Instant.parse(to), grain, zone, needed, NOW).stream()
                .map(s -> (s.facts() ? "facts" : s.source().declaredName()) + " " + s.from() + " " + s.to())
                .toList();
    }
}
