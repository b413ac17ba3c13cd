package org.moderation.bi.migrator.validation;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

import org.moderation.bi.migrator.validation.CheckResult.Category;

/**
 * The audit's look at the read model itself: recomputed from the rules (the same views a rebuild uses) and compared
 * with what was kept current chunk by chunk. Any difference means the incremental path went wrong somewhere; the
 * check names the submissions (by legacy id) and the rollup buckets, and a rebuild repairs them.
 */
@ApplicationScoped
public class ReadModelIntegrity {

    private static final int EXAMPLES = 10;

    /** Name, what is compared (recomputed, kept; both constants), and the key that names a difference. */
    private record Comparison(String name, String recomputed, String kept, String key, String meaning) {

        String repair() {
            return "run rebuild-read-model repairs them";
        }
    }

    private static final List<Comparison> COMPARISONS = List.of(
            new Comparison("read_model_facts_match_rule", "SELECT * FROM submission_facts_rule",
                    "SELECT * FROM mv_submission_facts", "'legacy post ' || legacy_id",
                    "mv_submission_facts equals the takedown rule recomputed for every live submission"),
            new Comparison("daily_rollup_matches_facts", "SELECT * FROM daily_rollup_rule",
                    "SELECT * FROM mv_daily_rollup", "day || ' community ' || coalesce(community_id::text, 'none') "
                            + "|| ' ' || platform_detail",
                    "mv_daily_rollup equals the facts summed per UTC day"),
            new Comparison("hourly_rollup_matches_facts", "SELECT * FROM hourly_rollup_rule",
                    "SELECT * FROM mv_hourly_rollup WHERE hour >= hourly_rollup_horizon()",
                    "hour || ' community ' || coalesce(community_id::text, 'none') || ' ' || platform_detail",
                    "mv_hourly_rollup equals the facts summed per UTC hour since its horizon"),
            new Comparison("reconciliation_buckets_match_rows", "SELECT * FROM reconciliation_buckets_rule",
                    "SELECT * FROM reconciliation_buckets WHERE (posts, reports, posts_hash, reports_hash) <> (0, 0, 0, 0)",
                    "'legacy ids from ' || bucket * 100",
                    "the reconciliation's kept buckets equal the live submissions and reports counted again"));

    private final AgroalDataSource target;

    public ReadModelIntegrity(AgroalDataSource target) {
        this.target = target;
    }

    public List<CheckResult> run() throws SQLException {
        var checks = new ArrayList<CheckResult>();
        try (Connection connection = target.getConnection(); var statement = connection.createStatement()) {
            for (Comparison c : COMPARISONS) {
                String sql = "SELECT count(*), (array_agg(" + c.key() + " ORDER BY " + c.key() + "))[1:" + EXAMPLES
                        + "] FROM ((" + c.recomputed() + " EXCEPT ALL " + c.kept() + ") UNION ALL (" + c.kept()
                        + " EXCEPT ALL " + c.recomputed() + ")) AS differing";
                try (var rows = statement.executeQuery(sql)) {
                    rows.next();
                    long differing = rows.getLong(1);
                    List<Object> examples = differing == 0 ? List.of()
                            : List.of((Object[]) rows.getArray(2).getArray());
                    checks.add(new CheckResult(c.name(), Category.STRUCTURAL,
                            differing == 0 ? CheckResult.Outcome.PASSED : CheckResult.Outcome.FAILED, 0L,
                            Map.of("differingRows", differing, "examples", examples),
                            differing == 0 ? c.meaning() : c.meaning() + ": " + differing + " rows differ, e.g. "
                                    + examples + " (" + c.repair() + ")"));
                }
            }
        }
        return checks;
    }
}
