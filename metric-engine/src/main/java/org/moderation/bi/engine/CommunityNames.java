package org.moderation.bi.engine;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** Every community the read model knows, its name by its slug. */
final class CommunityNames {

    private CommunityNames() {
    }

    static Map<String, String> read(Snapshot snapshot) throws SQLException {
        try (var statement = snapshot.connection().createStatement();
             var rows = statement.executeQuery("SELECT slug, name FROM communities")) {
            var bySlug = new HashMap<String, String>();
            while (rows.next()) {
                bySlug.put(rows.getString(1), rows.getString(2));
            }
            return Map.copyOf(bySlug);
        }
    }
}
