package org.moderation.bi.legacy.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LegacySchemaTest {

    private static TestDatabase db;

    @BeforeAll
    static void createDatabase() throws Exception {
        db = TestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void createsTheFourTablesWithTriggersAndDropsThemAgain() throws Exception {
        try (Connection c = db.connect()) {
            LegacySchema.drop(c);
            assertThat(LegacySchema.exists(c)).isFalse();

            LegacySchema.create(c);
            assertThat(LegacySchema.exists(c)).isTrue();
            assertThat(TestDatabase.queryLong(c, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' "
                    + "AND tablename IN ('communities', 'app_users', 'posts', 'post_reports')")).isEqualTo(4);
            assertThat(TestDatabase.queryLong(c, "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal "
                    + "AND tgname IN ('posts_touch', 'post_reports_touch')")).isEqualTo(2);

            LegacySchema.drop(c);
            assertThat(LegacySchema.exists(c)).isFalse();
            assertThat(TestDatabase.queryLong(c,
                    "SELECT count(*) FROM pg_proc WHERE proname = 'touch_updated_at'")).isZero();
            LegacySchema.drop(c); // idempotent
        }
    }
}
