package org.moderation.bi.dashboard.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.moderation.bi.engine.Submissions;
import org.moderation.bi.shared.api.dashboard.SubmissionListView;

/** A list's link is one that is safe to open, or none; its excerpt is the text's beginning, cut at a word. */
class PostPreviewTest {

    @Test
    void anHttpOrHttpsUrlWithAHostIsALink() {
        assertThat(PostPreview.link("https://www.youtube.com/watch?v=1&utm_source=x"))
                .isEqualTo("https://www.youtube.com/watch?v=1&utm_source=x");
        assertThat(PostPreview.link(" HTTP://M.Facebook.com/story/9 ")).isEqualTo("HTTP://M.Facebook.com/story/9");
    }

    @Test
    void aUrlRecordedWithoutItsSchemeIsTakenAsHttps() {
        assertThat(PostPreview.link("www.youtube.com/watch?v=4")).isEqualTo("https://www.youtube.com/watch?v=4");
        assertThat(PostPreview.link("reddit.com/r/x/comments/1")).isEqualTo("https://reddit.com/r/x/comments/1");
        assertThat(PostPreview.link("//odysee.com/video/1")).isEqualTo("https://odysee.com/video/1");
        assertThat(PostPreview.link("www.tiktok.com:443/@the_real_jan/video/69"))
                .isEqualTo("https://www.tiktok.com:443/@the_real_jan/video/69");
        assertThat(PostPreview.link("//www.tiktok.com:443/@the_real_jan/video/69"))
                .isEqualTo("https://www.tiktok.com:443/@the_real_jan/video/69");
        assertThat(PostPreview.link("WWW.FACEBOOK.COM/story.php?id=1"))
                .isEqualTo("https://WWW.FACEBOOK.COM/story.php?id=1");
    }

    @Test
    void whatIsNoWebUrlIsNoLink() {
        for (String recorded : new String[] {null, "", "  ", "see screenshot in ticket 4711", "javascript:alert(1)",
                "JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox", "ftp://x.com/a",
                "file:///etc/passwd", "javascript://x.com/%0Aalert(1)", "mailto:a@b.com", "n/a", "TODO", "screenshot attached", "https://user:pw@evil.example/", "=HYPERLINK(\"http://x.io\")", "localhost/a",
                "https://" + "a".repeat(2100) + ".com"}) {
            assertThat(PostPreview.link(recorded)).as(recorded).isNull();
        }
    }

    @Test
    void anExcerptIsTheTextsBeginningWithItsSpacesCollapsed() {
        assertThat(PostPreview.excerpt("  Post 2:\n a   caption\t ")).isEqualTo("Post 2: a caption");
        assertThat(PostPreview.excerpt(null)).isNull();
        assertThat(PostPreview.excerpt(" \n ")).isNull();
    }

    @Test
    void aLongTextIsCutAtAWordWithAnEllipsis() {
        String text = "word ".repeat(100);
        String excerpt = PostPreview.excerpt(text);
        assertThat(excerpt).endsWith("word…").hasSizeLessThanOrEqualTo(SubmissionListView.Item.EXCERPT);
        String unbroken = "x".repeat(500);
        assertThat(PostPreview.excerpt(unbroken)).hasSize(SubmissionListView.Item.EXCERPT).endsWith("x…");
    }

    @Test
    void theEngineReadsEnoughOfATextToTellWhetherItGoesOn() {
        assertThat(Submissions.TEXT_READ).isEqualTo(SubmissionListView.Item.EXCERPT + 2);
        String read = "word ".repeat(40).strip().substring(0, Submissions.TEXT_READ);
        assertThat(PostPreview.excerpt(read)).endsWith("…");
    }

    @Test
    void aCutNeverSplitsACharacterOutsideTheBasicPlane() {
        String emoji = "\uD83D\uDE00";
        String excerpt = PostPreview.excerpt("x".repeat(SubmissionListView.Item.EXCERPT - 2) + emoji.repeat(10));
        assertThat(excerpt.codePoints().noneMatch(c -> Character.isSurrogate((char) c))).isTrue();
        assertThat(excerpt).endsWith("x…");
    }

    @Test
    void aSearchsMarksBecomeSegmentsAndOnlyTheMarksDo() {
        assertThat(PostPreview.matched("the \u0001holocaust\u0002 <b>again</b> … \u0001Denial\u0002")).containsExactly(
                new SubmissionListView.Segment("the ", false), new SubmissionListView.Segment("holocaust", true),
                new SubmissionListView.Segment(" <b>again</b> … ", false),
                new SubmissionListView.Segment("Denial", true));
        assertThat(PostPreview.matched("\u0001cut off")).containsExactly(new SubmissionListView.Segment("cut off",
                true));
        assertThat(PostPreview.matched(null)).isNull();
    }
}
