package org.moderation.bi.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import org.moderation.bi.shared.api.ApiError;

class DatabaseRefusalsTest {

    @Test
    void aDatabaseErrorIsA503ThatNamesNoSql() {
        var answer = new DatabaseRefusals().unavailable(new SQLException("relation \"submissions\" does not exist"));

        assertThat(answer.getStatus()).isEqualTo(503);
        var body = (ApiError) answer.getEntity();
        assertThat(body.error()).isEqualTo("database_unavailable");
        assertThat(body.message()).doesNotContain("submissions").contains("try again later");
    }

    @Test
    void aDatabaseErrorWrappedByALibraryIsA503TooAndAnythingElseA500InTheShape() {
        var terminated = new IllegalStateException("could not prepare statement",
                new SQLException("An I/O error occurred while sending to the backend.", "08006"));
        assertThat(new UnexpectedFailures().unexpected(terminated).getStatus()).isEqualTo(503);

        var answer = new UnexpectedFailures().unexpected(new NullPointerException("Cannot invoke \"String.length()\""));
        assertThat(answer.getStatus()).isEqualTo(500);
        var body = (ApiError) answer.getEntity();
        assertThat(body.error()).isEqualTo("internal_error");
        assertThat(body.message()).doesNotContain("String", "Exception").containsPattern("error id [0-9a-f-]{36}");
    }
}
