package org.moderation.bi.dashboard.dashboards.rest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.moderation.bi.dashboard.rest.CsvAnswer;
import org.moderation.bi.shared.api.dashboard.DashboardView;
import org.moderation.bi.shared.api.dashboard.MaturityView;

/**
 * A dashboard's view as CSV, every number of it a row: the KPIs (with the window compared with), each series line per
 * bucket (partial or not), each breakdown's cells. A number of a metric with a horizon says whether it is mature and
 * when it matures; an immature KPI says why it was not compared.
 */
final class DashboardCsv {

    static final List<String> HEADER = List.of("section", "id", "label", "metric", "version", "unit", "key", "from",
            "to", "value", "numerator", "denominator", "partial", "mature", "matures_at", "previous", "change",
            "not_compared");

    private DashboardCsv() {
    }

    static Response of(DashboardView view) throws IOException {
        var comments = new ArrayList<String>();
        comments.add("dashboard " + view.dashboard().key() + " v" + view.dashboard().version() + " ("
                + view.dashboard().source() + ", definition " + view.dashboard().definitionHash() + "), zone "
                + view.timeZone() + (view.comparedWith() == null ? "" : ", compared with [" + view.comparedWith().from()
                + ", " + view.comparedWith().to() + ")"));
        var metrics = new LinkedHashMap<String, DashboardView.Metric>();
        view.kpis().forEach(t -> metrics.putIfAbsent(t.metric().key() + " v" + t.metric().version(), t.metric()));
        if (view.series() != null) {
            view.series().lines().forEach(l -> metrics.putIfAbsent(l.metric().key() + " v" + l.metric().version(),
                    l.metric()));
        }
        view.breakdowns().forEach(b -> b.columns().forEach(c -> metrics.putIfAbsent(c.metric().key() + " v"
                + c.metric().version(), c.metric())));
        metrics.forEach((name, m) -> comments.add(name + " (" + m.unit() + (m.horizon() == null ? ""
                : ", horizon " + m.horizon() + ": mature false means the submissions are younger and it can still "
                + "rise") + "): " + m.rule()));
        comments.addAll(CsvAnswer.context(view.window(), view.scope(), view.freshness()));
        return CsvAnswer.of("dashboard-" + view.dashboard().key() + ".csv", comments, HEADER, rows -> {
            for (DashboardView.Tile tile : view.kpis()) {
                kpi(rows, view, tile);
            }
            if (view.series() != null) {
                for (DashboardView.Line line : view.series().lines()) {
                    for (int i = 0; i < view.series().buckets().size(); i++) {
                        DashboardView.Bucket bucket = view.series().buckets().get(i);
                        MaturityView maturity = line.maturity() == null ? null : line.maturity().get(i);
                        write(rows, "series", line.id(), line.label(), line.metric(), bucket.start().toString(),
                                bucket.from().toString(), bucket.to().toString(), line.values().get(i), null, null,
                                bucket.partial(), maturity, null);
                    }
                }
            }
            for (DashboardView.Table table : view.breakdowns()) {
                for (DashboardView.Row row : table.rows()) {
                    for (int c = 0; c < table.columns().size(); c++) {
                        DashboardView.Column column = table.columns().get(c);
                        write(rows, table.id() + "." + column.id(), row.key(), row.label(), column.metric(), null,
                                view.window().from().toString(), view.window().to().toString(), row.values().get(c),
                                null, null, null, column.maturity(), null);
                    }
                }
            }
        });
    }

    private static void kpi(CsvAnswer.Rows rows, DashboardView view, DashboardView.Tile tile) throws IOException {
        String from = view.window().from().toString();
        String to = view.window().to().toString();
        if (tile.breakdown() != null) {
            for (Map.Entry<String, Double> group : tile.breakdown().entrySet()) {
                write(rows, "kpi", tile.id(), tile.label(), tile.metric(), group.getKey(), from, to, group.getValue(),
                        null, null, null, tile.maturity(), null);
            }
            return;
        }
        write(rows, "kpi", tile.id(), tile.label(), tile.metric(), null, from, to, tile.value(), tile.numerator(),
                tile.denominator(), null, tile.maturity(), tile.change());
    }

    private static void write(CsvAnswer.Rows rows, String section, String id, String label,
            DashboardView.Metric metric, String key, String from, String to, Double value, Double numerator,
            Double denominator, Boolean partial, MaturityView maturity, DashboardView.Change change)
            throws IOException {
        rows.write(section, id, label, metric.key(), metric.version(), metric.unit(), key, from, to, value, numerator,
                denominator, partial, maturity == null ? null : maturity.mature(),
                maturity == null ? null : maturity.maturesAt(), change == null ? null : change.previous(),
                change == null ? null : change.absolute(), change == null ? null : change.notCompared());
    }
}
