package org.moderation.bi.shared.dashboards;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.shared.metrics.MetricValidator;
import org.moderation.bi.shared.metrics.MetricVersionView;
import org.moderation.bi.shared.metrics.Problem;

/**
 * Checks a dashboard definition against the catalog's metrics and returns every problem at once, each with its JSON
 * path: every tile names a metric and a version it has, a series line a metric that has grains, a breakdown column a
 * metric that offers the breakdown's dimension (and is one number per row). A draft dashboard may name metric versions
 * that are not published yet, to be prepared beside them (a pinned draft, a metric whose first version is a draft);
 * publishing it requires every tile to stand on a published version. A deprecated version is never pinned anew.
 */
public final class DashboardValidator {

    public static final int MAX_TILES = 12;
    public static final int MAX_BREAKDOWNS = 8;
    public static final int MAX_LABEL = 120;

    /** Where a tile stands, which decides what its metric must offer. */
    private enum Place { KPI, SERIES, COLUMN }

    private final MetricVersions metrics;
    private final boolean publishing;
    private final List<Problem> problems = new ArrayList<>();

    private DashboardValidator(MetricVersions metrics, boolean publishing) {
        this.metrics = metrics;
        this.publishing = publishing;
    }

    /** Problems of {@code definition} as a draft ({@code publishing} false) or about to be published. */
    public static List<Problem> validate(DashboardDefinition definition, MetricVersions metrics, boolean publishing) {
        var validator = new DashboardValidator(metrics, publishing);
        if (definition == null) {
            validator.problem("$", "a dashboard definition is required");
        } else {
            validator.definition(definition);
        }
        return List.copyOf(validator.problems);
    }

    private void definition(DashboardDefinition d) {
        if (d.key() == null || !MetricValidator.KEY.matcher(d.key()).matches()) {
            problem("$.key", "must be 1 to 63 characters of a-z, 0-9 and _, starting with a letter");
        }
        MetricValidator.textProblem(d.name(), MetricValidator.MAX_NAME).ifPresent(p -> problem("$.name", p));
        MetricValidator.textProblem(d.description(), MetricValidator.MAX_DESCRIPTION)
                .ifPresent(p -> problem("$.description", p));
        if (d.kpis().isEmpty() && d.series().isEmpty() && d.breakdowns().isEmpty()) {
            problem("$", "a dashboard shows at least one KPI, series or breakdown");
        }
        tiles(d.kpis(), "$.kpis", Place.KPI, null);
        tiles(d.series(), "$.series", Place.SERIES, null);
        breakdowns(d.breakdowns());
    }

    private void breakdowns(List<DashboardBreakdown> breakdowns) {
        if (breakdowns.size() > MAX_BREAKDOWNS) {
            problem("$.breakdowns", "at most " + MAX_BREAKDOWNS + " breakdowns");
            return;
        }
        var ids = new HashSet<String>();
        for (int i = 0; i < breakdowns.size(); i++) {
            String path = "$.breakdowns[" + i + "]";
            DashboardBreakdown breakdown = breakdowns.get(i);
            if (breakdown == null) {
                problem(path, "a breakdown is required");
                continue;
            }
            id(breakdown.id(), path + ".id", ids);
            var column = breakdown.dimension() == null ? null : Column.named(breakdown.dimension()).orElse(null);
            if (column == null || column.kind() != Column.Kind.DIMENSION) {
                problem(path + ".dimension", "must be a dimension: " + MetricValidator.dimensionNames());
            }
            if (breakdown.columns().isEmpty()) {
                problem(path + ".columns", "a breakdown has at least one column");
            }
            tiles(breakdown.columns(), path + ".columns", Place.COLUMN,
                    column != null && column.kind() == Column.Kind.DIMENSION ? breakdown.dimension() : null);
        }
    }

    private void tiles(List<DashboardTile> tiles, String path, Place place, String dimension) {
        if (tiles.size() > MAX_TILES) {
            problem(path, "at most " + MAX_TILES + " tiles");
            return;
        }
        var ids = new HashSet<String>();
        for (int i = 0; i < tiles.size(); i++) {
            tile(tiles.get(i), path + "[" + i + "]", ids, place, dimension);
        }
    }

    private void tile(DashboardTile tile, String path, Set<String> ids, Place place, String dimension) {
        if (tile == null) {
            problem(path, "a tile is required");
            return;
        }
        id(tile.id(), path + ".id", ids);
        if (tile.label() != null) {
            MetricValidator.textProblem(tile.label(), MAX_LABEL).ifPresent(p -> problem(path + ".label",
                    p.equals("is required") ? "is blank: leave it out to show the metric's name" : p));
        }
        MetricDefinition metric = metric(tile, path);
        if (metric == null) {
            return;
        }
        if (place == Place.SERIES && metric.grains().isEmpty()) {
            problem(path + ".metric", tile.metric() + " has no grains: a series line needs a metric that is asked "
                    + "per bucket (day, week, month)");
        }
        if (place == Place.COLUMN && dimension != null && !metric.dimensions().contains(dimension)) {
            problem(path + ".metric", tile.metric() + " cannot be grouped by " + dimension + "; its dimensions: "
                    + (metric.dimensions().isEmpty() ? "none" : String.join(", ", metric.dimensions())));
        }
        if (place == Place.COLUMN && !metric.breakdown().isEmpty()) {
            problem(path + ".metric", tile.metric() + " is always broken down by " + String.join(", ", metric.breakdown())
                    + ": a column holds one number per row");
        }
    }

    /** The definition the tile stands on (its pinned version, or the one it follows), or null after naming why not. */
    private MetricDefinition metric(DashboardTile tile, String path) {
        String key = tile.metric();
        if (key == null || !MetricValidator.KEY.matcher(key).matches()) {
            problem(path + ".metric", "must be a metric's key");
            return null;
        }
        List<MetricVersionView> versions = metrics.of(key);
        if (versions.isEmpty()) {
            problem(path + ".metric", "unknown metric " + key);
            return null;
        }
        return tile.version() == null ? followed(key, versions, path) : pinned(key, tile.version(), versions, path);
    }

    private MetricDefinition pinned(String key, int number, List<MetricVersionView> versions, String path) {
        var version = versions.stream().filter(v -> v.version() == number).findFirst().orElse(null);
        if (version == null) {
            problem(path + ".version", key + " has no version " + number + "; its versions: " + String.join(", ",
                    versions.stream().map(v -> v.version() + " (" + v.status() + ")").toList())
                    + "; or leave version out to follow the latest published one");
            return null;
        }
        if (MetricVersionView.DEPRECATED.equals(version.status())) {
            problem(path + ".version", "version " + number + " of " + key + " is deprecated: pin a published version, "
                    + "or leave version out to follow the latest published one");
        } else if (publishing && MetricVersionView.DRAFT.equals(version.status())) {
            problem(path + ".version", "version " + number + " of " + key + " is a draft: publish it before this "
                    + "dashboard, or pin a published version");
        }
        return version.definition();
    }

    private MetricDefinition followed(String key, List<MetricVersionView> versions, String path) {
        var published = versions.stream().filter(v -> MetricVersionView.PUBLISHED.equals(v.status()))
                .reduce((first, second) -> second);
        if (published.isPresent()) {
            return published.get().definition();
        }
        var draft = versions.stream().filter(v -> MetricVersionView.DRAFT.equals(v.status())).findFirst();
        if (publishing || draft.isEmpty()) {
            problem(path + ".metric", key + " has no published version to follow"
                    + (draft.isPresent() ? ": publish its draft (version " + draft.get().version() + ") first" : ""));
            return null;
        }
        return draft.get().definition();
    }

    private void id(String id, String path, Set<String> ids) {
        if (id == null || !MetricValidator.KEY.matcher(id).matches()) {
            problem(path, "must be 1 to 63 characters of a-z, 0-9 and _, starting with a letter");
        } else if (!ids.add(id)) {
            problem(path, id + " is used twice here; each id names one place");
        }
    }

    private void problem(String path, String message) {
        problems.add(new Problem(path, message));
    }
}
