package org.moderation.bi.engine.sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.Measure;

/**
 * The submissions behind a number: the facts a measure counts over a window, scope and filters, as rows, newest
 * first (by the measure's time, then by submission id). The conditions are the statements' own, so the rows are those
 * a count of the same measure counts. Pages are keyset-paged on (time, submission id). Each row also carries what a
 * moderator acts on, joined by the submission's key: the post's URL as recorded, the beginning of its text and its
 * author's handle.
 */
public final class SubmissionRows {

    /** Where a page ends: the time and id of its last row; the next page starts after it. */
    public record Position(Instant time, long submissionId) {
    }

    /**
     * At most this many characters of a post's text are kept, its white space collapsed to single spaces and trimmed:
     * a list's excerpt's 160 and two more, to tell a text that goes on from one that ends there. A kept page holds no
     * more. Twice as many are read and collapsed here: a regular expression in the statement cost PostgreSQL 0.3 ms a
     * page of 51 rows, more than the page's statement took without it.
     */
    public static final int TEXT_READ = 162;

    private static final Pattern SPACE = Pattern.compile("\\s+");

    /** Where a match begins and ends in {@link Row#matched}: characters taken out of the post before it is marked. */
    public static final char MATCH_START = '\u0001';
    public static final char MATCH_END = '\u0002';

    /** The characters of a post a search's matches are looked for in (a page's rows only). */
    private static final int MATCHED_READ = 20_000;

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

    /** A statement and the values of its placeholders, in order. */
    public record Compiled(String sql, List<Object> parameters) {

        public void bind(PreparedStatement statement, int first) throws SQLException {
            Statement.bind(statement, first, parameters);
        }
    }

    private SubmissionRows() {
    }

    /**
     * At most {@code limit} rows after {@code after} (null: from the newest); with a search, each with where its words
     * matched (ts_headline in the post's configuration, on the page's rows only, after the limit).
     */
    public static Compiled page(Measure measure, Statements.Shape shape, Position after, int limit) {
        var parameters = new ArrayList<Object>();
        String time = Conditions.factColumn(Conditions.column(measure.time()));
        var sql = new StringBuilder(select(time)).append(where(measure, shape, parameters));
        if (after != null) {
            sql.append(" AND (").append(time).append(", f.submission_id) < (?, ?)");
            parameters.add(after.time().atOffset(ZoneOffset.UTC));
            parameters.add(after.submissionId());
        }
        sql.append(" ORDER BY ").append(time).append(" DESC, f.submission_id DESC LIMIT ?");
        parameters.add(limit);
        if (shape.search() == null) {
            return new Compiled(sql.toString(), List.copyOf(parameters));
        }
        // Its placeholder comes before the page's in the statement's text. The post is read without the two marks,
        // so that every mark in the answer is a match's.
        parameters.addFirst(shape.search());
        String marked = "SELECT r.submission_id, r.legacy_id, r.community_slug, r.platform, r.platform_detail, "
                + "r.submitted_at, r.effective_takedown_at, r.takedown_source, r.report_count, r.listed_at, r.url, "
                + "r.text, r.author_handle, CASE WHEN d.content_text IS NULL THEN NULL ELSE ts_headline(z.search_config, "
                + "translate(left(d.content_text, " + MATCHED_READ + "), chr(1) || chr(2), ''), "
                + "websearch_to_tsquery(z.search_config, ?::text), 'StartSel=' || chr(1) || ', StopSel=' || chr(2) || "
                + "', MaxWords=24, MinWords=8, MaxFragments=2, FragmentDelimiter=\" … \"') END FROM (" + sql + ") r "
                + "LEFT JOIN mv_submission_search z ON z.submission_id = r.submission_id "
                + "LEFT JOIN post_data d ON d.submission_id = r.submission_id "
                + "ORDER BY r.listed_at DESC, r.submission_id DESC";
        return new Compiled(marked, List.copyOf(parameters));
    }

    /** Every row, in the same order, for an export read as it streams. */
    public static Compiled all(Measure measure, Statements.Shape shape) {
        var parameters = new ArrayList<Object>();
        String time = Conditions.factColumn(Conditions.column(measure.time()));
        String sql = select(time) + where(measure, shape, parameters) + " ORDER BY " + time
                + " DESC, f.submission_id DESC";
        return new Compiled(sql, List.copyOf(parameters));
    }

    public static Row read(ResultSet rows) throws SQLException {
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

    private static String select(String time) {
        return "SELECT f.submission_id, f.legacy_id, f.community_slug, f.platform, f.platform_detail, f.submitted_at, "
                + "f.effective_takedown_at, f.takedown_source, f.report_count, " + time + " AS listed_at, s.url, "
                // a bounded read: the first characters, however long the text pasted into a post
                + "left(p.content_text, " + 2 * TEXT_READ + ") AS text, p.author_handle, NULL::text AS matched "
                + "FROM mv_submission_facts f "
                + "LEFT JOIN submissions s ON s.id = f.submission_id "
                + "LEFT JOIN post_data p ON p.submission_id = f.submission_id";
    }

    /** The measure's time in the window, the scope, the measure's filters and the shape's, and its search. */
    private static String where(Measure measure, Statements.Shape shape, List<Object> parameters) {
        var conditions = new ArrayList<String>();
        conditions.add(Conditions.inWindow(Conditions.column(measure.time()), shape.from(), shape.to(), parameters));
        conditions.add(Conditions.inScope(Conditions::factColumn, shape.scope(), parameters));
        for (Filter filter : measure.filters()) {
            conditions.add(Conditions.condition(filter, Conditions::factColumn, parameters));
        }
        for (Filter filter : shape.filters()) {
            conditions.add(Conditions.condition(filter, Conditions::factColumn, parameters));
        }
        if (shape.search() != null) {
            conditions.add(Conditions.search(shape.search(), parameters));
        }
        return " WHERE " + String.join(" AND ", conditions);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
