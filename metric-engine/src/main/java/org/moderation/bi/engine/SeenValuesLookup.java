package org.moderation.bi.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.moderation.bi.shared.metrics.Column;
import org.moderation.bi.shared.metrics.SeenValues;

/**
 * Looks up in the read model's {@code mv_seen_values} which values of an open set no submission has had yet, and the
 * seen values most like each (trigram similarity, its GIN index): what {@link SeenValues} warns of, the same wherever
 * a filter is written (a catalog definition, a query).
 */
final class SeenValuesLookup {

    private static final String UNSEEN = """
            SELECT v.value,
                   ARRAY(SELECT s.value FROM mv_seen_values s
                         WHERE s.dimension = d.dimension AND s.value % v.value
                         ORDER BY similarity(s.value, v.value) DESC, s.value LIMIT 3)
            FROM (SELECT ?::text AS dimension) d, unnest(?::text[]) AS v (value)
            WHERE NOT EXISTS (SELECT 1 FROM mv_seen_values s
                              WHERE s.dimension = d.dimension AND md5(s.value) = md5(v.value) AND s.value = v.value)""";

    private SeenValuesLookup() {
    }

    static Map<String, List<String>> unseen(Snapshot snapshot, Column column, Collection<String> values)
            throws SQLException {
        Connection connection = snapshot.connection();
        try (var statement = connection.prepareStatement(UNSEEN)) {
            statement.setString(1, column.jsonName());
            statement.setArray(2, connection.createArrayOf("text", values.toArray()));
            var unseen = new HashMap<String, List<String>>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    unseen.put(rows.getString(1), List.of((String[]) rows.getArray(2).getArray()));
                }
            }
            return unseen;
        }
    }
}
