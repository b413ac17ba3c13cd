package org.moderation.bi.legacy.generator;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * Fills an empty legacy schema with a seeded, reproducible data set that has every quirk of the
 * legacy README. Posts and their reports are generated and copied in chunks, so memory stays flat.
 */
public final class LegacyGenerator {

    /** Posts per COPY batch: large enough to amortize round trips, small enough to keep memory flat. */
    static final int POSTS_PER_BATCH = 20_000;
    private static final String[] TABLES = {"communities", "app_users", "posts", "post_reports"};

    /**
     * Generates the data. With auto-commit on, everything happens in one transaction that is committed;
     * with auto-commit off, the work joins the caller's transaction and the caller commits.
     *
     * @throws IllegalStateException when a legacy table already has rows
     */
    public GenerationSummary generate(Connection c, GeneratorOptions o) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        if (autoCommit) {
            c.setAutoCommit(false);
        }
        try {
            requireEmpty(c);
            GenerationSummary summary = fill(c, o);
            if (autoCommit) {
                c.commit();
            }
            return summary;
        } catch (SQLException | RuntimeException e) {
            if (autoCommit) {
                c.rollback();
            }
            throw e;
        } finally {
            if (autoCommit) {
                c.setAutoCommit(true);
            }
        }
    }

    private GenerationSummary fill(Connection c, GeneratorOptions o) throws SQLException {
        Chance chance = new Chance(o.seed());
        BulkCopy copy = new BulkCopy(c);
        BulkLoadForeignKeys foreignKeys = BulkLoadForeignKeys.suspend(c);
        Roster roster = Roster.generate(chance);

        CsvBuffer csv = new CsvBuffer(1 << 16);
        roster.communities().forEach(community -> community.writeCsv(csv));
        copy.load(LegacyCommunity.COPY_SQL, csv);
        roster.users().forEach(user -> user.writeCsv(csv));
        copy.load(LegacyUser.COPY_SQL, csv);

        Timeline timeline = new Timeline(o.now());
        PostFactory factory = new PostFactory(roster, o.now(), chance);
        CsvBuffer posts = new CsvBuffer(BulkCopy.FLUSH_BYTES + (1 << 16));
        CsvBuffer reports = new CsvBuffer(POSTS_PER_BATCH * 200);
        long[] nextReportId = {1};
        int reportCount = 0;
        for (int first = 0; first < o.posts(); first += POSTS_PER_BATCH) {
            // posts stream while they are generated; their reports follow in a COPY of their own (FK order)
            BulkCopy.Stream postStream = copy.open(LegacyPost.COPY_SQL, posts);
            int last = Math.min(o.posts(), first + POSTS_PER_BATCH);
            for (int index = first; index < last; index++) {
                Instant created = timeline.createdAt(index, o.posts(), chance);
                PostDraft draft = factory.draft(index + 1L, created, () -> nextReportId[0]++);
                draft.post().writeCsv(posts);
                for (LegacyReport report : draft.reports()) {
                    report.writeCsv(reports);
                }
                reportCount += draft.reports().size();
                postStream.flushIfFull();
            }
            postStream.end();
            copy.load(LegacyReport.COPY_SQL, reports);
        }
        foreignKeys.restore(c);

        try (Statement st = c.createStatement()) {
            // explicit ids bypass the serial sequences; move them past the data so later INSERTs work
            for (String table : TABLES) {
                st.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), "
                        + "COALESCE((SELECT max(id) FROM " + table + "), 0) + 1, false)");
            }
            // fresh statistics, as autovacuum would have them on a production database
            st.execute("ANALYZE communities, app_users, posts, post_reports");
        }
        return new GenerationSummary(roster.communities().size(), roster.users().size(), o.posts(), reportCount);
    }

    private static void requireEmpty(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table + ")")) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        throw new IllegalStateException("legacy table " + table + " already has rows: "
                                + "the generator only fills an empty legacy schema");
                    }
                }
            }
        }
    }
}
