package org.moderation.bi.shared.dashboards;

/**
 * One number (or series line): a metric, pinned to {@code version}, or following its latest published version when
 * {@code version} is null. {@code id} ({@code [a-z][a-z0-9_]*}) names the tile where it stands: unique among the
 * dashboard's KPIs, among its series, and among the columns of its breakdown; {@code label} is optional (the metric's
 * name otherwise).
 */
public record DashboardTile(String id, String metric, Integer version, String label) {
}
