package org.moderation.bi.migrator.validation;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

import org.moderation.bi.migrator.transform.PlatformClassifier;
import org.moderation.bi.shared.platform.PlatformDetail;
import org.moderation.bi.migrator.validation.CheckResult.Category;

/** platform_detail never contradicts the URL, the group always matches the detail; and how much is unknown. */
@ApplicationScoped
public class PlatformChecks {

    private static final int EXAMPLES = 5;

    private final AgroalDataSource target;

    public PlatformChecks(AgroalDataSource target) {
        this.target = target;
    }

    /** @param scope the legacy post ids to check, or null for every live submission */
    public List<CheckResult> run(Long[] scope) throws SQLException {
        long contradictions = 0;
        var examples = new ArrayList<String>();
        var unknownByGroup = new TreeMap<String, Long>();
        try (Connection connection = target.getConnection()) {
            // A cursor streams only inside a transaction.
            connection.setAutoCommit(false);
            try (var statement = connection.prepareStatement("SELECT legacy_id, url, platform, platform_detail "
                    + "FROM submissions WHERE deleted_at IS NULL" + (scope == null ? "" : " AND legacy_id = ANY (?)"))) {
                if (scope != null) {
                    statement.setArray(1, connection.createArrayOf("int8", scope));
                }
                statement.setFetchSize(10_000);
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        String group = rows.getString(3);
                        PlatformDetail detail = PlatformDetail.valueOf(rows.getString(4).toUpperCase(Locale.ROOT));
                        Optional<PlatformDetail> fromUrl = PlatformClassifier.fromUrl(rows.getString(2));
                        boolean contradicts = fromUrl.isPresent() && fromUrl.get() != detail
                                || detail != PlatformDetail.UNKNOWN && !detail.group().equals(group);
                        if (contradicts && contradictions++ < EXAMPLES) {
                            examples.add("legacy post " + rows.getLong(1) + ": url says "
                                    + fromUrl.map(PlatformDetail::code).orElse("nothing") + ", stored "
                                    + group + "/" + detail.code());
                        }
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            // How much is unknown, for every live submission: the daily rollup counts them by platform.
            try (var statement = connection.createStatement(); var rows = statement.executeQuery("""
                    SELECT platform, sum(submissions) FROM mv_daily_rollup WHERE platform_detail = 'unknown'
                    GROUP BY platform HAVING sum(submissions) > 0""")) {
                while (rows.next()) {
                    unknownByGroup.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        String which = scope == null ? "" : " (the changed submissions)";
        return List.of(
                new CheckResult("platform_detail_matches_url", Category.SEMANTIC,
                        contradictions == 0 ? CheckResult.Outcome.PASSED : CheckResult.Outcome.FAILED, 0L,
                        Map.of("contradictions", contradictions, "examples", examples),
                        contradictions == 0 ? "no platform contradicts its URL" + which
                                : contradictions + " submissions have a platform their URL contradicts" + which),
                CheckResult.finding("platform_detail_unknown", null, unknownByGroup,
                        "submissions whose URL and legacy text do not name a specific platform, by group "
                                + "('meta' = legacy text said only 'Meta')"));
    }
}
