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
}
