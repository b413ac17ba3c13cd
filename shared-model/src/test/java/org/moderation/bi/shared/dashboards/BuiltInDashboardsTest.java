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

    @Test
    void theOverviewShowsWhatThePageShowsEveryNumberPinnedToVersionOneOfABuiltIn() {
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
        var builtIns = BuiltInMetrics.ALL.stream().map(m -> m.key()).toList();
        assertThat(tiles).allSatisfy(tile -> {
            assertThat(tile.version()).isEqualTo(BuiltInMetrics.VERSION);
            assertThat(builtIns).contains(tile.metric());
        });
        assertThat(BuiltInDashboards.ALL).isEqualTo(List.of(overview));
    }

    @Test
    void theOverviewIsStillWhatEveryCatalogPublishedAsVersionOne() {
        assertThat(BuiltInDashboards.VERSION).isEqualTo(1);
        assertThat(DefinitionHash.of(BuiltInDashboards.OVERVIEW)).isEqualTo(OVERVIEW_V1);
    }
}
