package org.moderation.bi.dashboard.submissions;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.moderation.bi.engine.Submissions;
import org.moderation.bi.shared.api.dashboard.SubmissionListView;

/**
 * What a list shows of a post for a moderator to act on: a link that is safe to open, an excerpt of its text, and
 * with a search the passages its words matched in.
 * Legacy URLs come with and without a scheme, with upper-case hosts and tracking parameters, and sometimes as text
 * that is no URL at all (legacy/README.md, quirk 2): only an absolute http or https URL with a host becomes a link
 * (never javascript: or data:), and one written without a scheme ({@code www.…}, {@code //www.…}) is taken as https.
 */
final class PostPreview {

    /** A scheme with an authority after it: {@code https://}, {@code HTTP://}, {@code javascript://}. */
    private static final Pattern SCHEME_AND_AUTHORITY = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://");
    /** A scheme alone, with no dot (which a host has): {@code javascript:}, {@code data:}, {@code mailto:}. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+-]*:");
    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final int MAX_URL = 2048;

    private PostPreview() {
    }

    /**
     * A search's marked passages ({@link Submissions.Row#matched}) as segments, each match one of its own; null
     * for null. Text is only ever text: the page writes segments as text, never as markup.
     */
    static List<SubmissionListView.Segment> matched(String marked) {
        if (marked == null) {
            return null;
        }
        var segments = new ArrayList<SubmissionListView.Segment>();
        int at = 0;
        while (at < marked.length()) {
            int start = marked.indexOf(Submissions.MATCH_START, at);
            if (start < 0) {
                segments.add(new SubmissionListView.Segment(marked.substring(at), false));
                break;
            }
            if (start > at) {
                segments.add(new SubmissionListView.Segment(marked.substring(at, start), false));
            }
            int end = marked.indexOf(Submissions.MATCH_END, start);
            int stop = end < 0 ? marked.length() : end;
            segments.add(new SubmissionListView.Segment(marked.substring(start + 1, stop), true));
            at = stop + 1;
        }
        return List.copyOf(segments);
    }

    /** The recorded URL as a link to open, or null where it is no http(s) URL with a host. */
    static String link(String recorded) {
        if (recorded == null || recorded.isBlank() || recorded.length() > MAX_URL) {
            return null;
        }
        String url = recorded.strip();
        if (url.startsWith("//")) {
            url = "https:" + url;    // scheme-relative
        } else if (!SCHEME_AND_AUTHORITY.matcher(url).find()) {
            if (SCHEME.matcher(url).find()) {
                return null;         // javascript:…, data:…: never a link
            }
            url = "https://" + url;  // www.youtube.com/…, or a host with its port: www.tiktok.com:443/@…
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost();
            if (!scheme.equals("http") && !scheme.equals("https") || host == null || !host.contains(".")
                    || uri.getRawUserInfo() != null) {
                return null;
            }
            return uri.toASCIIString();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * The beginning of a text, whitespace collapsed to single spaces, at most {@link SubmissionListView.Item#EXCERPT}
     * characters: cut at the last space before the limit (or at the limit without one) and ended with "…".
     */
    static String excerpt(String text) {
        if (text == null) {
            return null;
        }
        String plain = SPACE.matcher(text).replaceAll(" ").strip();
        if (plain.isEmpty()) {
            return null;
        }
        int limit = SubmissionListView.Item.EXCERPT;
        if (plain.length() <= limit) {
            return plain;
        }
        int cut = plain.lastIndexOf(' ', limit - 1);
        String kept = plain.substring(0, cut > limit / 2 ? cut : limit - 1);
        if (Character.isHighSurrogate(kept.charAt(kept.length() - 1))) {
            kept = kept.substring(0, kept.length() - 1);
        }
        return kept.stripTrailing() + "…";
    }
}
