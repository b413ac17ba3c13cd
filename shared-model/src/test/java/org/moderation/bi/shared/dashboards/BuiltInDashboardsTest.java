package org.moderation.bi.shared.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.moderation.bi.shared.metrics.BuiltInMetrics;
import org.moderation.bi.shared.metrics.DefinitionHash;

/**
 * The overview is today's page, pinned to the built-in metrics' v1; and, as for the built-in metrics, every catalog
 * publishes it as version 1 at its first start and never changes it: a change is a new version made in the catalog,
 * not a new hash here.
 */
class BuiltInDashboardsTest {

    /** As the catalogs of the first release with dashboards (issue 17) seeded it. */
    private static final String OVERVIEW_V1 = "sha256:09c373449aa8da3ed55fc3d8af423b0bd7fce6f71eb5caf7afb87cb18dc12c94";
    /** As the catalogs of the release with cohort horizons (issue 42) seed it. */
    private static final String OVERVIEW_V2 = "sha256:8a1c559700db205e7cb45f753e5868c447eabc9fdc78971be341052a780fdee8";

    @Test
    void theOverviewShowsWhatThePageShowsEveryNumberPinnedToTheLatestVersionOfABuiltIn() {
        var overview = BuiltInDashboards.OVERVIEW;

        assertThat(overview.kpis()).extracting(DashboardTile::metric)
                .containsExactly("submissions", "removals", "removal_rate", "removals_by_source");
        assertThat(overview.series()).extracting(DashboardTile::metric)
                .containsExactly("submissions", "removals", "removal_rate");
        assertThat(overview.breakdowns()).extracting(DashboardBreakdown::dimension)
                .containsExactly("platform", "platform_detail", "community");
        overview.breakdowns().forEach(b -> assertThat(b.columns()).extracting(DashboardTile::metric)
                .containsExactly("submissions", "removals", "removal_rate"));
        var tiles = new java.util.ArrayList<>(overview.kpis());
        tiles.addAll(overview.series());
        overview.breakdowns().forEach(b -> tiles.addAll(b.columns()));
        assertThat(tiles).allSatisfy(tile -> assertThat(BuiltInMetrics.seeded(tile.metric(), tile.version()))
                .as(tile.metric() + " v" + tile.version() + " is a built-in").isPresent());
        assertThat(overview.kpis().get(2).version()).as("the removal rate within its horizon").isEqualTo(2);
        assertThat(BuiltInDashboards.ALL).isEqualTo(List.of(overview));
    }

    @Test
    void theOverviewIsStillWhatEveryCatalogPublishedAsVersionOne() {
        assertThat(BuiltInDashboards.versionOf(BuiltInDashboards.OVERVIEW_V1)).isEqualTo(1);
        assertThat(DefinitionHash.of(BuiltInDashboards.OVERVIEW_V1)).isEqualTo(OVERVIEW_V1);
        assertThat(BuiltInDashboards.versionOf(BuiltInDashboards.OVERVIEW)).isEqualTo(2);
        assertThat(DefinitionHash.of(BuiltInDashboards.OVERVIEW)).isEqualTo(OVERVIEW_V2);
    }
}
