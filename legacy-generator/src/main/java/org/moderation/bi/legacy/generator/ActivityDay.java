package org.moderation.bi.legacy.generator;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Simulates one day of moderator activity on a generated legacy database (quirks 5 and 6): new posts
 * and reports, edits, takedowns, hard deletes, and one late commit whose updated_at is older than
 * rows committed before it.
 */
public final class ActivityDay {

    /** Opens the second session the late-commit transaction runs in. */
    @FunctionalInterface
    public interface SessionOpener {
        Connection open(Connection first) throws SQLException;
    }

    private final SessionOpener opener;

    /**
     * The late-commit session reuses the first connection's URL and user; the password, if the URL
     * does not carry one, comes from the {@code LEGACY_PASSWORD} environment variable.
     */
    public ActivityDay() {
        this(ActivityDay::sameDatabase);
    }

    public ActivityDay(SessionOpener opener) {
        this.opener = opener;
    }

    /**
     * Applies the day and commits it in several transactions; {@code c} must have no transaction open.
     * Explicit timestamps (new posts, takedowns) fall within the 24 hours before {@code now}.
     */
    public ActivitySummary apply(Connection c, long seed, Instant now) throws SQLException {
        Chance chance = new Chance(seed);
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Connection lateSession = opener.open(c)) {
            lateSession.setSchema(c.getSchema());
            DayPlan plan = DayPlan.draw(c, chance);
            Roster roster = Roster.load(c);
            c.commit();
            Instant dayStart = Timeline.latest(now.minus(Duration.ofDays(1)), plan.latestCreatedAt().plusSeconds(1));
            if (!dayStart.isBefore(now)) {
                dayStart = now.minusSeconds(Timeline.MINUTE);
            }

            // the late transaction starts first, so its now() (written by the trigger) is the oldest of the day
            lateSession.setAutoCommit(false);
            try (Statement st = lateSession.createStatement(); ResultSet rs = st.executeQuery("SELECT now()")) {
                rs.next();
            }

            ActivityWrites writes = new ActivityWrites(c);
            List<Long> insertedPosts = new ArrayList<>();
            List<Long> insertedReports = new ArrayList<>();
            insertNewPosts(writes, plan, roster, chance, dayStart, now, insertedPosts, insertedReports);
            c.commit();
            List<Long> updatedPosts = editPosts(writes, plan, chance, dayStart, now);
            c.commit();
            insertedReports.addAll(reportExistingPosts(writes, plan, roster, chance, dayStart, now));
            List<Long> updatedReports = resolveReports(writes, plan, chance, dayStart, now);
            c.commit();
            writes.deletePosts(plan.deletions());
            c.commit();

            if (plan.latePost() > 0) {
                new ActivityWrites(lateSession).nextStatus(plan.latePost());
            }
            lateSession.commit();
            return new ActivitySummary(insertedPosts, updatedPosts, plan.deletions(), insertedReports, updatedReports,
                    plan.latePost());
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static void insertNewPosts(ActivityWrites writes, DayPlan plan, Roster roster, Chance chance,
            Instant dayStart, Instant now, List<Long> postIds, List<Long> reportIds) throws SQLException {
        PostFactory factory = new PostFactory(roster, now, chance);
        long span = now.getEpochSecond() - dayStart.getEpochSecond();
        for (int i = 0; i < plan.newPosts(); i++) {
            // spread over the day in submission order, like the ids the sequence hands out
            Instant created = dayStart.plusSeconds(span * (i + 1) / (plan.newPosts() + 1));
            PostDraft draft = factory.draft(0, created, () -> 0);
            long postId = writes.insertPost(draft.post());
            postIds.add(postId);
            for (LegacyReport report : draft.reports()) {
                reportIds.add(writes.insertReport(postId, report));
            }
        }
    }

    /** Status changes, category and hashtag edits, and old posts finally marked as removed. */
    private static List<Long> editPosts(ActivityWrites writes, DayPlan plan, Chance chance, Instant dayStart,
            Instant now) throws SQLException {
        List<Long> updated = new ArrayList<>();
        int i = 0;
        for (long postId : plan.statusOrTagEdits()) {
            switch (i++ % 3) {
                case 0 -> writes.nextStatus(postId);
                case 1 -> writes.addCategory(postId, PackedTags.freshCategory(now, chance));
                default -> writes.addHashtag(postId, PackedTags.hashtagSeparator(chance),
                        PackedTags.freshHashtag(now, chance));
            }
            updated.add(postId);
        }
        for (long postId : plan.legacyRemovals()) {
            writes.legacyRemoval(postId, Timeline.between(dayStart, now, chance));
            updated.add(postId);
        }
        return updated;
    }

    private static List<Long> reportExistingPosts(ActivityWrites writes, DayPlan plan, Roster roster, Chance chance,
            Instant dayStart, Instant now) throws SQLException {
        List<Long> ids = new ArrayList<>();
        for (long postId : plan.newReportTargets()) {
            Instant reportedAt = Timeline.between(dayStart, now, chance);
            Instant takenDownAt = Timeline.between(reportedAt, now, chance);
            ids.add(writes.reportExistingPost(postId, roster.reportFiler(chance), ReportDetails.channel(chance),
                    reportedAt, ReportDetails.ticket(chance), takenDownAt));
        }
        return ids;
    }

    private static List<Long> resolveReports(ActivityWrites writes, DayPlan plan, Chance chance, Instant dayStart,
            Instant now) throws SQLException {
        for (long reportId : plan.reportsToResolve()) {
            writes.resolveReport(reportId, Timeline.between(dayStart, now, chance));
        }
        return plan.reportsToResolve();
    }

    private static Connection sameDatabase(Connection first) throws SQLException {
        DatabaseMetaData meta = first.getMetaData();
        Properties props = new Properties();
        if (meta.getUserName() != null) {
            props.setProperty("user", meta.getUserName());
        }
        String password = System.getenv("LEGACY_PASSWORD");
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(meta.getURL(), props);
    }
}
