package org.moderation.bi.shared.api.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.moderation.bi.shared.metrics.Problem;

/**
 * The submissions behind a number, newest first: those a measure counts in a window, within the caller's scope and
 * the filters named. The first page carries {@code total}, which equals the number drilled into; later pages follow
 * the {@code next} cursor.
 *
 * @param measure     {@code submitted}, {@code removed}, or the key of the catalog metric listed
 * @param filters     the filters applied besides the window and scope, by parameter name
 * @param rule        the counted metric's definition in words (its catalog description)
 * @param provenance  the metric the rows are counted by: key, version, definition hash, and the facts they come from
 * @param total       how many rows the whole list has; on the first page only
 * @param next        the cursor of the next page ({@code after=…}); null on the last page
 * @param maturity    for a part of a metric with a horizon: whether the window's submissions are all the horizon old
 *                    (an immature numerator can still grow); null otherwise
 * @param warnings    on the first page: what the list was made with but deserves a second look, by parameter name (a
 *                    category, hashtag, language or classifier label no submission has had yet lists nothing; the
 *                    warning names the closest values seen); empty on later pages
 */
public record SubmissionListView(
        String measure,
        Map<String, String> filters,
        String rule,
        OverviewView.Window window,
        ScopeView scope,
        OverviewView.Freshness freshness,
        NumberProvenance provenance,
        Long total,
        String next,
        List<Item> items,
        MaturityView maturity,
        List<Problem> warnings) {

    /**
     * One submission with the values that make it count, and what a moderator acts on.
     *
     * @param at           the time the list is ordered by: submitted at, or the effective takedown
     * @param explanation  the path of its explanation in words
     * @param url          the post's URL as the legacy post recorded it (null: none)
     * @param link         that URL as a link that is safe to open: absolute http or https, a host with a dot; a URL
     *                     recorded without its scheme gets https; null where the recorded text is no such URL
     * @param excerpt      the beginning of the post's text, spaces collapsed, at most {@value #EXCERPT} characters and
     *                     cut at a word with "…"; null without text
     * @param authorHandle the post's author as recorded (null: none)
     * @param matched      with a search: why the post matched it, as the passages of its text around the matched
     *                     words, in segments (a matched word is a segment of its own); null where its words did not
     *                     match (its author or link did) or without a search
     */
    public record Item(long submissionId, long legacyId, String community, String platform, String platformDetail,
            Instant submittedAt, Instant effectiveTakedownAt, String takedownSource, long reportCount, Instant at,
            String explanation, String url, String link, String excerpt, String authorHandle, List<Segment> matched) {

        public static final int EXCERPT = 160;
    }

    /** A piece of a post's text: {@code match} where it is a word the search matched. */
    public record Segment(String text, boolean match) {
    }
}
