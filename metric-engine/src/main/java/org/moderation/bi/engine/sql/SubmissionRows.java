package org.moderation.bi.engine.sql;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.Measure;

/**
 * The statements of {@code Submissions}: the facts a measure counts over a window, scope and filters, newest first (by
 * the measure's time, then by submission id), with the conditions the counts use, so that the rows are those a count of
 * the same measure counts. Each row also carries what a moderator acts on, joined by the submission's key: the post's
 * URL as recorded, the beginning of its text and its author's handle.
 */
public final class SubmissionRows {

    /** The characters of a post's text a row keeps; twice as many are read, for its white space to be collapsed. */
    public static final int TEXT_READ = 162;

    /** Where a match begins and ends in a marked post: chr(1) and chr(2), taken out of the post before marking. */
    public static final char MATCH_START = '\u0001';
    public static final char MATCH_END = '\u0002';

    /** The characters of a post a search's matches are looked for in (a page's rows only). */
    private static final int MATCHED_READ = 20_000;

    /** A statement and the values of its placeholders, in order. */
    public record Compiled(String sql, List<Object> parameters) {

        public void bind(PreparedStatement statement, int first) throws SQLException {
            Statement.bind(statement, first, parameters);
        }
    }

    private SubmissionRows() {
    }

    /**
     * At most {@code limit} rows after the row at ({@code afterTime}, {@code afterId}) (null time: from the newest);
     * with a search, each with where its words matched (ts_headline in the post's configuration, on the page's rows
     * only, after the limit).
     */
    public static Compiled page(Measure measure, Statements.Shape shape, Instant afterTime, long afterId, int limit) {
        var parameters = new ArrayList<Object>();
        String time = Conditions.factColumn(Column.validated(measure.time()));
        var sql = new StringBuilder(select(time)).append(where(measure, shape, parameters));
        if (afterTime != null) {
            sql.append(" AND (").append(time).append(", f.submission_id) < (?, ?)");
            parameters.add(afterTime.atOffset(ZoneOffset.UTC));
            parameters.add(afterId);
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
        String time = Conditions.factColumn(Column.validated(measure.time()));
        String sql = select(time) + where(measure, shape, parameters) + " ORDER BY " + time
                + " DESC, f.submission_id DESC";
        return new Compiled(sql, List.copyOf(parameters));
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
        conditions.add(Conditions.inWindow(Column.validated(measure.time()), shape.from(), shape.to(), parameters));
        conditions.add(Conditions.inScope(Conditions::factColumn, shape.communities(), parameters));
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
}
