package org.moderation.bi.shared.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.DefinitionHash;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.MetricVersionView;
import org.moderation.bi.shared.metrics.Problem;

class DashboardValidatorTest {

    /**
     * The built-ins as published (removal_rate v1 and v2) and a draft v3 of removal_rate; a metric retired at v1, one
     * that is only a draft.
     */
    private static final Map<String, List<MetricVersionView>> CATALOG = catalog();

    private static Map<String, List<MetricVersionView>> catalog() {
        var catalog = new java.util.HashMap<String, List<MetricVersionView>>();
        BuiltInMetrics.ALL.forEach(m -> catalog.put(m.key(), List.of(version(m, 1, MetricVersionView.PUBLISHED))));
        catalog.put("removal_rate", List.of(version(BuiltInMetrics.REMOVAL_RATE_V1, 1, MetricVersionView.PUBLISHED),
                version(BuiltInMetrics.REMOVAL_RATE, 2, MetricVersionView.PUBLISHED),
                version(BuiltInMetrics.REMOVAL_RATE, 3, MetricVersionView.DRAFT)));
        catalog.put("retired", List.of(version(BuiltInMetrics.REMOVALS, 1, MetricVersionView.DEPRECATED)));
        catalog.put("coming", List.of(version(BuiltInMetrics.SUBMISSIONS, 1, MetricVersionView.DRAFT)));
        catalog.put("no_grains", List.of(version(new MetricDefinition("no_grains", "No grains", "d", "simple", "count",
                BuiltInMetrics.REMOVALS.measure(), null, null, null, List.of(), List.of("platform"), List.of()), 1,
                MetricVersionView.PUBLISHED)));
        return catalog;
    }

    private static final MetricVersions METRICS = key -> CATALOG.getOrDefault(key, List.of());

    @Test
    void theOverviewStandsOnTheBuiltInsAndMayBePublished() {
        assertThat(DashboardValidator.validate(BuiltInDashboards.OVERVIEW, METRICS, false)).isEmpty();
        assertThat(DashboardValidator.validate(BuiltInDashboards.OVERVIEW, METRICS, true)).isEmpty();
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsPath() {
        var wrong = new DashboardDefinition("Bad Key", "n".repeat(121), "", List.of(
                tile("ghostly", "ghost", null),
                tile("rate", "removal_rate", 7),
                tile("retired", "retired", 1),
                tile("rate", "removals", null),
                new DashboardTile("labelled", "removals", 1, " ")),
                List.of(tile("split", "removals_by_source", 1), tile("flat", "no_grains", 1), tile("Bad Id", "removals", 1)),
                List.of(new DashboardBreakdown("by_status", "status", List.of(tile("removals", "removals", 1))),
                        new DashboardBreakdown("by_source", "takedown_source", List.of(
                                tile("sources", "removals_by_source", 1), tile("sources", "removals", 1))),
                        new DashboardBreakdown("by_status", "password", List.of())));

        assertThat(DashboardValidator.validate(wrong, METRICS, false)).extracting(Problem::toString).containsExactly(
                "$.key: must be 1 to 63 characters of a-z, 0-9 and _, starting with a letter",
                "$.name: is 121 characters long; at most 120",
                "$.description: is required",
                "$.kpis[0].metric: unknown metric ghost",
                "$.kpis[1].version: removal_rate has no version 7; its versions: 1 (published), 2 (published), "
                        + "3 (draft); or leave "
                        + "version out to follow the latest published one",
                "$.kpis[2].version: version 1 of retired is deprecated: pin a published version, or leave version "
                        + "out to follow the latest published one",
                "$.kpis[3].id: rate is used twice here; each id names one place",
                "$.kpis[4].label: is blank: leave it out to show the metric's name",
                "$.series[1].metric: no_grains has no grains: a series line needs a metric that is asked per bucket "
                        + "(day, week, month)",
                "$.series[2].id: must be 1 to 63 characters of a-z, 0-9 and _, starting with a letter",
                "$.breakdowns[0].columns[0].metric: removals cannot be grouped by status; its dimensions: community, "
                        + "platform, platform_detail, takedown_source, category, hashtag, report_channel, "
                        + "takedown_channel, language, classifier_label",
                "$.breakdowns[1].columns[0].metric: removals_by_source is always broken down by takedown_source: a "
                        + "column holds one number per row",
                "$.breakdowns[1].columns[1].id: sources is used twice here; each id names one place",
                "$.breakdowns[2].id: by_status is used twice here; each id names one place",
                "$.breakdowns[2].dimension: must be a dimension: community, platform, platform_detail, status, "
                        + "takedown_source, category, hashtag, report_channel, takedown_channel, language, classifier_label",
                "$.breakdowns[2].columns: a breakdown has at least one column");
    }

    @Test
    void aDraftMayStandOnMetricDraftsWhichPublishingRefuses() {
        var preparing = overviewWith(List.of(tile("rate_v3", "removal_rate", 3), tile("coming", "coming", null)));

        assertThat(DashboardValidator.validate(preparing, METRICS, false)).isEmpty();
        assertThat(DashboardValidator.validate(preparing, METRICS, true)).extracting(Problem::toString).containsExactly(
                "$.kpis[0].version: version 3 of removal_rate is a draft: publish it before this dashboard, or pin a "
                        + "published version",
                "$.kpis[1].metric: coming has no published version to follow: publish its draft (version 1) first");
    }

    @Test
    void aFollowedMetricWithNothingPublishedOrComingIsRefusedEvenInADraft() {
        assertThat(DashboardValidator.validate(overviewWith(List.of(tile("retired", "retired", null))), METRICS, false))
                .extracting(Problem::toString).containsExactly("$.kpis[0].metric: retired has no published version to follow");
    }

    @Test
    void aDashboardShowsSomethingAndNotTooMuch() {
        var empty = new DashboardDefinition("empty", "Empty", "Nothing", List.of(), List.of(), List.of());
        var tiles = new ArrayList<DashboardTile>();
        for (int i = 0; i <= DashboardValidator.MAX_TILES; i++) {
            tiles.add(tile("tile_" + i, "removals", 1));
        }

        assertThat(DashboardValidator.validate(empty, METRICS, false)).extracting(Problem::toString)
                .containsExactly("$: a dashboard shows at least one KPI, series or breakdown");
        assertThat(DashboardValidator.validate(overviewWith(tiles), METRICS, false)).extracting(Problem::toString)
                .containsExactly("$.kpis: at most " + DashboardValidator.MAX_TILES + " tiles");
        assertThat(DashboardValidator.validate(null, METRICS, false)).extracting(Problem::toString)
                .containsExactly("$: a dashboard definition is required");
        assertThat(DashboardValidator.validate(overviewWith(Collections.singletonList(null)), METRICS, false))
                .extracting(Problem::toString).containsExactly("$.kpis[0]: a tile is required");
    }

    private static DashboardDefinition overviewWith(List<DashboardTile> kpis) {
        var overview = BuiltInDashboards.OVERVIEW;
        return new DashboardDefinition("mine", overview.name(), overview.description(), kpis, overview.series(),
                overview.breakdowns());
    }

    private static DashboardTile tile(String id, String metric, Integer version) {
        return new DashboardTile(id, metric, version, null);
    }

    private static MetricVersionView version(MetricDefinition definition, int number, String status) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        return new MetricVersionView(definition.key(), number, status, definition, DefinitionHash.of(definition), 0,
                "admin", at, "admin", at, null, null, null, null, List.of());
    }
}
