package org.moderation.bi.engine;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.moderation.bi.engine.sql.Statements;
import org.moderation.bi.engine.sql.SubmissionRows;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.Measure;

/**
 * The submissions behind a number: the facts a measure counts over a window, scope, filters and search, as rows,
 * newest first (by the measure's time, then by submission id). The conditions are the counts' own, so the rows are
 * those a count of the same measure counts. Pages are keyset-paged on (time, submission id).
 */
public final class Submissions {

    /** What to list: a measure's submissions in [from, to), the scope, dimension filters and a search (null: none). */
    public record Listing(Measure measure, Instant from, Instant to, List<Filter> filters, Scope scope, String search) {

        public Listing {
            filters = List.copyOf(filters);
        }

        Statements.Shape shape() {
            return new Statements.Shape(from, to, ZoneOffset.UTC, null, List.of(List.of()), filters,
                    MetricEngine.communities(scope), 1, List.of(), search);
        }
    }

    /** Where a page ends: the time and id of its last row; the next page starts after it. */
    public record Position(Instant time, long submissionId) {
    }

    /**
     * One submission as a listing shows it; {@code at} is the measure's time (what the list is ordered by);
     * {@code url} as the legacy post recorded it (null: none), {@code text} the beginning of its content (white space
     * collapsed, at most {@link #TEXT_READ} characters; null: none), {@code authorHandle} as recorded; with a
     * search, {@code matched}: where the post's words matched it, each match between {@link #MATCH_START} and
     * {@link #MATCH_END} (null: no words matched, or no search).
     */
    public record Row(long submissionId, long legacyId, String community, String platform, String platformDetail,
            Instant submittedAt, Instant effectiveTakedownAt, String takedownSource, long reportCount, Instant at,
            String url, String text, String authorHandle, String matched) {

        public Position position() {
            return new Position(at, submissionId);
        }
    }

    /**
     * At most this many characters of a post's text are kept, its white space collapsed to single spaces and trimmed:
     * a list's excerpt's 160 and two more, to tell a text that goes on from one that ends there. Twice as many are
     * read and collapsed here: a regular expression in the statement cost PostgreSQL 0.3 ms a page of 51 rows, more
     * than the page's statement took without it.
     */
    public static final int TEXT_READ = SubmissionRows.TEXT_READ;

    /** Where a match begins and ends in {@link Row#matched}: characters taken out of the post before it is marked. */
    public static final char MATCH_START = SubmissionRows.MATCH_START;
    public static final char MATCH_END = SubmissionRows.MATCH_END;

    private static final Pattern SPACE = Pattern.compile("\\s+");

    private Submissions() {
    }

    /**
     * At most {@code limit} rows after {@code after} (null: from the newest), read in {@code snapshot}; with a search,
     * each with where its words matched.
     */
    static List<Row> page(Snapshot snapshot, Listing listing, Position after, int limit) throws SQLException {
        SubmissionRows.Compiled page = after == null
                ? SubmissionRows.page(listing.measure(), listing.shape(), null, 0, limit)
                : SubmissionRows.page(listing.measure(), listing.shape(), after.time(), after.submissionId(), limit);
        var found = new ArrayList<Row>();
        try (PreparedStatement statement = snapshot.connection().prepareStatement(page.sql())) {
            page.bind(statement, 1);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(read(rows));
                }
            }
        }
        return List.copyOf(found);
    }

    /** Every row, in the same order, handed to {@code sink} as it is read ({@code fetchSize} rows at a time). */
    static void each(Snapshot snapshot, Listing listing, int fetchSize, Consumer<Row> sink) throws SQLException {
        SubmissionRows.Compiled all = SubmissionRows.all(listing.measure(), listing.shape());
        try (PreparedStatement statement = snapshot.connection().prepareStatement(all.sql())) {
            statement.setFetchSize(fetchSize);
            all.bind(statement, 1);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    sink.accept(read(rows));
                }
            }
        }
    }

    private static Row read(ResultSet rows) throws SQLException {
        return new Row(rows.getLong(1), rows.getLong(2), rows.getString(3), rows.getString(4), rows.getString(5),
                instant(rows.getObject(6, OffsetDateTime.class)), instant(rows.getObject(7, OffsetDateTime.class)),
                rows.getString(8), rows.getLong(9), instant(rows.getObject(10, OffsetDateTime.class)),
                rows.getString(11), beginning(rows.getString(12)), rows.getString(13), matched(rows.getString(14)));
    }

    /** ts_headline's answer, or null where no word matched (it then answers the post's beginning, unmarked). */
    private static String matched(String headline) {
        return headline == null || headline.indexOf(MATCH_START) < 0 ? null : SPACE.matcher(headline).replaceAll(" ")
                .strip();
    }

    /** A text's white space collapsed to single spaces, trimmed, and at most {@link #TEXT_READ} characters of it. */
    static String beginning(String text) {
        if (text == null) {
            return null;
        }
        String plain = SPACE.matcher(text).replaceAll(" ").strip();
        return plain.length() > TEXT_READ ? plain.substring(0, TEXT_READ) : plain;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
