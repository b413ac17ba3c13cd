package org.moderation.bi.legacy.generator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which rows a day of activity touches, drawn from the current database: the sets are disjoint so
 * every change stays observable (an updated post is never also deleted, and so on).
 */
record DayPlan(
        int newPosts,
        List<Long> statusOrTagEdits,
        List<Long> legacyRemovals,
        List<Long> deletions,
        List<Long> newReportTargets,
        List<Long> reportsToResolve,
        long latePost,
        Instant latestCreatedAt) {

    private static final int FETCH_SIZE = 10_000;

    /** Counts scale with the database: ~0.5 % updated, ~0.2 % new, ~0.05 % deleted, at least one each. */
    static DayPlan draw(Connection c, Chance chance) throws SQLException {
        List<Long> all = new ArrayList<>();
        List<Long> legacyOpen = new ArrayList<>();
        Instant latestCreated = Timeline.HISTORY_START;
        try (Statement st = c.createStatement()) {
            st.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = st.executeQuery("SELECT id, created_at < '" + Timeline.REPORT_FLOW_START
                    + "' AND removed_at IS NULL, created_at FROM posts ORDER BY id")) {
                while (rs.next()) {
                    all.add(rs.getLong(1));
                    if (rs.getBoolean(2)) {
                        legacyOpen.add(rs.getLong(1));
                    }
                    Instant created = rs.getObject(3, OffsetDateTime.class).toInstant();
                    latestCreated = Timeline.latest(latestCreated, created);
                }
            }
        }
        if (all.isEmpty()) {
            throw new IllegalStateException("the legacy database has no posts: generate it first");
        }
        int n = all.size();
        Set<Long> used = new HashSet<>();
        List<Long> late = sample(all, 1, used, chance);
        int updates = atLeastOne(n * 0.005);
        int removals = Math.max(1, updates / 5);
        List<Long> legacyRemovals = sample(legacyOpen, removals, used, chance);
        List<Long> edits = sample(all, Math.max(1, updates - legacyRemovals.size()), used, chance);
        List<Long> deletions = sample(all, atLeastOne(n * 0.0005), used, chance);
        // new reports may land on posts that are also edited: only deleted posts are off limits
        Set<Long> offLimits = new HashSet<>(deletions);
        List<Long> reportTargets = sample(all, atLeastOne(n * 0.001), offLimits, chance);

        List<Long> openReports = openReportsOutside(c, new HashSet<>(deletions));
        List<Long> toResolve = sample(openReports, atLeastOne(n * 0.001), new HashSet<>(), chance);
        return new DayPlan(atLeastOne(n * 0.002), edits, legacyRemovals, deletions, reportTargets, toResolve,
                late.isEmpty() ? -1 : late.get(0), latestCreated);
    }

    /** Reports still waiting for the platform, excluding those about to vanish with a deleted post. */
    private static List<Long> openReportsOutside(Connection c, Set<Long> deletedPosts) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, post_id FROM post_reports "
                + "WHERE taken_down_at IS NULL AND (outcome IS NULL OR outcome = 'pending') ORDER BY id")) {
            ps.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!deletedPosts.contains(rs.getLong(2))) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
        }
        return ids;
    }

    private static int atLeastOne(double share) {
        return Math.max(1, (int) Math.round(share));
    }

    /** Up to {@code count} distinct ids from {@code pool} not in {@code used}; adds them to {@code used}. */
    private static List<Long> sample(List<Long> pool, int count, Set<Long> used, Chance chance) {
        List<Long> picked = new ArrayList<>(count);
        int attempts = 0;
        while (picked.size() < count && attempts < 20 * count + 100) {
            attempts++;
            Long id = pool.isEmpty() ? null : chance.pick(pool);
            if (id != null && used.add(id)) {
                picked.add(id);
            }
        }
        for (int i = 0; i < pool.size() && picked.size() < count; i++) {
            // tiny databases: fall back to a scan so the counts are met when they can be
            if (used.add(pool.get(i))) {
                picked.add(pool.get(i));
            }
        }
        return picked;
    }
}
