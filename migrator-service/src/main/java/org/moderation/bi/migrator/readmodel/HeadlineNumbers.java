package org.moderation.bi.migrator.readmodel;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/** The numbers an operator wants to see after a load, straight from the read model. */
@ApplicationScoped
public class HeadlineNumbers {

    private final AgroalDataSource target;

    public HeadlineNumbers(AgroalDataSource target) {
        this.target = target;
    }

    public String render() throws SQLException {
        var text = new StringBuilder("headline numbers (read model):\n");
        try (Connection connection = target.getConnection(); var statement = connection.createStatement()) {
            try (var rows = statement.executeQuery("""
                    SELECT count(*), count(effective_takedown_at),
                           count(*) FILTER (WHERE takedown_source = 'report_flow'),
                           count(*) FILTER (WHERE takedown_source = 'legacy_fallback'),
                           count(*) FILTER (WHERE submitted_at >= now() - interval '30 days'),
                           count(*) FILTER (WHERE submitted_at >= now() - interval '30 days'
                                              AND effective_takedown_at <= now())
                    FROM mv_submission_facts""")) {
                rows.next();
                text.append(String.format("  submissions %,d, removed %,d (%s), report_flow %,d, legacy_fallback %,d%n",
                        rows.getLong(1), rows.getLong(2), percent(rows.getLong(2), rows.getLong(1)), rows.getLong(3),
                        rows.getLong(4)));
                text.append(String.format("  last 30 days: submitted %,d, removal rate %s%n", rows.getLong(5),
                        percent(rows.getLong(6), rows.getLong(5))));
            }
            Map<String, String> byPlatform = new LinkedHashMap<>();
            try (var rows = statement.executeQuery("""
                    SELECT platform, platform_detail, count(*), count(effective_takedown_at)
                    FROM mv_submission_facts GROUP BY 1, 2 ORDER BY 3 DESC""")) {
                while (rows.next()) {
                    byPlatform.put(rows.getString(1) + "/" + rows.getString(2), String.format("%,d submitted, %s removed",
                            rows.getLong(3), percent(rows.getLong(4), rows.getLong(3))));
                }
            }
            byPlatform.forEach((platform, numbers) -> text.append(String.format("  %-22s %s%n", platform, numbers)));
        }
        return text.toString();
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "n/a" : String.format("%.1f %%", 100.0 * part / whole);
    }
}
