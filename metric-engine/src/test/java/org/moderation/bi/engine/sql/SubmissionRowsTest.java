package org.moderation.bi.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A row keeps the beginning of a post's text, its white space collapsed: never more than an excerpt needs. */
class SubmissionRowsTest {

    @Test
    void aTextsBeginningHasItsWhiteSpaceCollapsedAndTrimmed() {
        assertThat(SubmissionRows.beginning("  Post 2:\n\n a \t caption  ")).isEqualTo("Post 2: a caption");
        assertThat(SubmissionRows.beginning(null)).isNull();
        assertThat(SubmissionRows.beginning(" \n ")).isEmpty();
    }

    @Test
    void aLongTextKeepsNoMoreThanTheCharactersAnExcerptNeeds() {
        String text = "word\n\n".repeat(100);
        assertThat(SubmissionRows.beginning(text)).hasSize(SubmissionRows.TEXT_READ).startsWith("word word ");
    }
}
