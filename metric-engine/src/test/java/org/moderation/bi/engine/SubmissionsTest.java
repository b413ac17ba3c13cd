package org.moderation.bi.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A row keeps the beginning of a post's text, its white space collapsed: never more than an excerpt needs. */
class SubmissionsTest {

    @Test
    void aTextsBeginningHasItsWhiteSpaceCollapsedAndTrimmed() {
        assertThat(Submissions.beginning("  Post 2:\n\n a \t caption  ")).isEqualTo("Post 2: a caption");
        assertThat(Submissions.beginning(null)).isNull();
        assertThat(Submissions.beginning(" \n ")).isEmpty();
    }

    @Test
    void aLongTextKeepsNoMoreThanTheCharactersAnExcerptNeeds() {
        String text = "word\n\n".repeat(100);
        assertThat(Submissions.beginning(text)).hasSize(Submissions.TEXT_READ).startsWith("word word ");
    }
}
