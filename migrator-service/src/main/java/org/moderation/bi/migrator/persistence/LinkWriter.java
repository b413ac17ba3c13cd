package org.moderation.bi.migrator.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.moderation.bi.migrator.transform.SubmissionBundle;

/**
 * Writes a many-to-many value set (hashtags, categories): the chunk's links are copied into a staging table, new
 * values go into the dictionary, then each submission's links are replaced by exactly the values it has now.
 */
final class LinkWriter {

    private record Link(long submissionId, String value) {
    }

    record Dictionary(String table, String valueColumn, String linkTable, String linkColumn,
            StagingTable<Link> staging) {

        Dictionary(String table, String valueColumn, String linkTable, String linkColumn) {
            this(table, valueColumn, linkTable, linkColumn, new StagingTable<>("staged_" + linkTable,
                    "submission_id bigint, value text", List.of(Link::submissionId, Link::value)));
        }
    }

    static final Dictionary HASHTAGS = new Dictionary("hashtags", "tag", "submission_hashtags", "hashtag_id");
    static final Dictionary CATEGORIES = new Dictionary("categories", "code", "submission_categories", "category_id");

    void replace(Connection connection, Dictionary dictionary, Long[] submissionIds, List<SubmissionBundle> bundles,
            Function<SubmissionBundle, Long> submissionId, Function<SubmissionBundle, List<String>> values)
            throws SQLException {
        var links = new ArrayList<Link>();
        bundles.forEach(b -> values.apply(b).forEach(v -> links.add(new Link(submissionId.apply(b), v))));
        // Table and column names come from the two constants above, never from input.
        try (var delete = connection.prepareStatement(
                "DELETE FROM " + dictionary.linkTable() + " WHERE submission_id = ANY (?)")) {
            delete.setArray(1, connection.createArrayOf("int8", submissionIds));
            delete.executeUpdate();
        }
        if (links.isEmpty()) {
            return;
        }
        StagingTable<Link> staging = dictionary.staging();
        staging.fill(connection, links);
        try (var statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO " + dictionary.table() + " (" + dictionary.valueColumn()
                    + ") SELECT DISTINCT value FROM " + staging.name() + " ORDER BY value "
                    + "ON CONFLICT ((md5(" + dictionary.valueColumn() + "))) DO NOTHING");
            statement.executeUpdate("INSERT INTO " + dictionary.linkTable() + " (submission_id, "
                    + dictionary.linkColumn() + ") SELECT t.submission_id, d.id FROM " + staging.name() + " t JOIN "
                    + dictionary.table() + " d ON md5(d." + dictionary.valueColumn() + ") = md5(t.value)");
        }
    }
}
