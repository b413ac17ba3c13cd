package org.moderation.bi.migrator.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.moderation.bi.migrator.legacy.LegacyPost;
import org.moderation.bi.migrator.legacy.LegacyPostWithReports;
import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.KnownValues;
import org.moderation.bi.shared.platform.PlatformDetail;
import org.moderation.bi.shared.submission.SubmissionStatus;
import org.moderation.bi.testsupport.ScratchDatabase;

/**
 * The closed vocabularies a metric's filters are checked against (shared-model) are what the migrator writes and the
 * target schema allows: a value the catalog accepts can occur in the read model, and one the read model holds is
 * never refused.
 */
class ClosedVocabulariesTest {

    private static final Pattern LITERAL = Pattern.compile("'([^']*)'::text");
    private static String url;

    @BeforeAll
    static void migrate() {
        url = ScratchDatabase.create("it_vocabularies");
        Flyway.configure().dataSource(url, ScratchDatabase.USER, null)
                .locations("filesystem:src/main/resources/db/migration").load().migrate();
    }

    @AfterAll
    static void drop() {
        ScratchDatabase.drop(url);
    }

    @Test
    void theStatusesAreTheTargetSchemasCheckAndWhatTheTransformerAccepts() throws SQLException {
        assertThat(checked("status")).isEqualTo(SubmissionStatus.codes()).isEqualTo(known(Column.STATUS));
        var at = OffsetDateTime.parse("2024-05-01T00:00:00Z");
        for (String status : SubmissionStatus.codes()) {
            var post = new LegacyPost(8, null, null, null, null, null, null, null, " " + status.toUpperCase(Locale.ROOT),
                    null, null, null, null, null, at, at, "{}");
            assertThat(BundleTransformer.transform(new LegacyPostWithReports(post, List.of()))).as(status)
                    .isInstanceOf(TransformResult.Accepted.class);
        }
    }

    @Test
    void thePlatformDetailsAreTheTargetSchemasCheck() throws SQLException {
        assertThat(checked("platform_detail")).isEqualTo(PlatformDetail.codes()).isEqualTo(known(Column.PLATFORM_DETAIL));
    }

    @Test
    void thePlatformsAndDetailsAreExactlyWhatTheClassifierClassifiesInto() {
        var groups = new TreeSet<String>();
        var details = new TreeSet<String>();
        List<Map.Entry<String, String>> inputs = new ArrayList<>();
        for (String host : List.of("facebook.com", "instagram.com", "threads.net", "whatsapp.com", "x.com", "tiktok.com",
                "youtube.com", "t.me", "reddit.com", "example.org")) {
            inputs.add(Map.entry("https://" + host + "/p/1", ""));
        }
        inputs.add(Map.entry("", "Meta"));
        inputs.add(Map.entry("", ""));
        for (var input : inputs) {
            Platform platform = PlatformClassifier.classify(input.getKey(), input.getValue());
            groups.add(platform.group());
            details.add(platform.detail().code());
        }

        assertThat(groups).containsExactlyInAnyOrderElementsOf(known(Column.PLATFORM));
        assertThat(details).containsExactlyInAnyOrderElementsOf(known(Column.PLATFORM_DETAIL));
    }

    private static List<String> known(Column column) {
        return List.copyOf(KnownValues.CLOSED.of(column).orElseThrow());
    }

    /** The values a CHECK constraint of {@code submissions} allows for one column, in its order. */
    private static List<String> checked(String column) throws SQLException {
        try (var connection = ScratchDatabase.connect(url);
             var statement = connection.prepareStatement("""
                     SELECT pg_get_constraintdef(oid) FROM pg_constraint
                     WHERE conrelid = 'submissions'::regclass AND contype = 'c'
                       AND pg_get_constraintdef(oid) LIKE '%(' || ? || ' = ANY%'""")) {
            statement.setString(1, column);
            try (var rows = statement.executeQuery()) {
                assertThat(rows.next()).as("a CHECK on submissions.%s", column).isTrue();
                Matcher literal = LITERAL.matcher(rows.getString(1));
                var values = new ArrayList<String>();
                while (literal.find()) {
                    values.add(literal.group(1));
                }
                return values;
            }
        }
    }
}
