package org.moderation.bi.migrator.validation;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.context.ManagedExecutor;

import io.agroal.api.AgroalDataSource;

import org.moderation.bi.migrator.config.MigratorConfig;
import org.moderation.bi.migrator.jdbc.PooledConnections;
import org.moderation.bi.migrator.jdbc.SecondTransaction;
import org.moderation.bi.migrator.jdbc.Snapshots;
import org.moderation.bi.migrator.validation.CheckResult.Category;

/**
 * The audit's look at the read model itself: the facts and every declared pre-aggregation recomputed from the rules
 * (as a rebuild recomputes them: a coarser rollup summed from a finer one's recomputed rows) and compared with what
 * was kept current chunk by chunk, all in one snapshot. Any difference means the incremental path went wrong
 * somewhere; the check names the submissions (by legacy id) and the rollup buckets, and a rebuild repairs them.
 */
@ApplicationScoped
public class ReadModelIntegrity {

    private static final int EXAMPLES = 10;

    /**
     * Name, what is compared (recomputed, kept), the kept relation, the condition that a recomputed row d and a kept
     * row t have the same key, and the key that names a difference. {@code recomputedInto}: the temporary table the
     * recomputed rows are kept in for the rollups summed from them (null: not kept).
     */
    private record Comparison(String name, String recomputed, String recomputedInto, String kept, String keptRelation,
            String sameKey, String key, String meaning) {

        String repair() {
            return "run rebuild-read-model repairs them";
        }
    }

    private static final Comparison FACTS = new Comparison("read_model_facts_match_rule",
            "SELECT * FROM submission_facts_rule", null, "SELECT * FROM mv_submission_facts", "mv_submission_facts",
            "t.submission_id = d.submission_id", "'legacy post ' || legacy_id",
            "mv_submission_facts equals the takedown rule recomputed for every live submission");
    private static final Comparison SEARCH = new Comparison("read_model_search_matches_rule",
            "SELECT * FROM submission_search_rule", null, "SELECT * FROM mv_submission_search", "mv_submission_search",
            "t.submission_id = d.submission_id", "'submission ' || submission_id",
            "mv_submission_search equals every live submission's words, author and link as its rule gives them");
    private static final Comparison BUCKETS = new Comparison("reconciliation_buckets_match_rows",
            "SELECT * FROM reconciliation_buckets_rule", null,
            "SELECT * FROM reconciliation_buckets WHERE (posts, reports, posts_hash, reports_hash) <> (0, 0, 0, 0)",
            "reconciliation_buckets", "t.bucket = d.bucket", "'legacy ids from ' || bucket * 100",
            "the reconciliation's kept buckets equal the live submissions and reports counted again");
    /** What the read model declares in read_model_rollups: our own lower-case identifiers, checked before use. */
    private static final java.util.regex.Pattern IDENTIFIER = java.util.regex.Pattern.compile("[a-z][a-z_]*");

    private final AgroalDataSource target;
    private final ManagedExecutor executor;
    private final Duration timeout;

    public ReadModelIntegrity(AgroalDataSource target, ManagedExecutor executor, MigratorConfig config) {
        this.target = target;
        this.executor = executor;
        this.timeout = config.bulk().buildTimeout();
    }

    public List<CheckResult> run() throws SQLException {
        return inTransaction(this::compareOnTwoConnections);
    }

    /**
     * Every comparison in one snapshot, on two connections so that both of the database's cores work. The rollups go
     * by chain: one recomputed from the facts, then those recomputed from its recomputed rows (in that connection's
     * temporary table), each compared with what was kept at the same moment. The second connection, sharing the
     * first's snapshot, takes chains from the start; the first compares the facts, the search rows and the buckets,
     * then takes the chains that are left, the largest first, so that neither connection finishes long before the
     * other (one connection for all the rollups was 12 s of the 52 s audit at 1M posts with the other one done).
     */
    private List<CheckResult> compareOnTwoConnections(Connection first) throws SQLException {
        Rollups rollups;
        try (var statement = first.createStatement()) {
            rollups = rollups(statement);
        }
        Queue<List<Comparison>> chains = rollups.chainsLargestFirst();
        // The second connection adopts a snapshot that lives as long as the first transaction: it is done (cancelled
        // if the first failed) before the first transaction ends.
        SecondTransaction<List<CheckResult>> second = SecondTransaction.start(executor, target,
                Snapshots.export(first), connection -> compareChains(connection, chains, timeout), timeout);
        List<CheckResult> rowChecks;
        var rollupChecks = new HashMap<String, CheckResult>();
        try {
            rowChecks = compareAll(first, List.of(FACTS, SEARCH, BUCKETS), timeout);
            compareChains(first, chains, timeout).forEach(c -> rollupChecks.put(c.name(), c));
            second.result().forEach(c -> rollupChecks.put(c.name(), c));
        } catch (SQLException | RuntimeException e) {
            second.abandon(e);
            throw e;
        }
        second.commit();
        var checks = new ArrayList<>(rowChecks.subList(0, 2));
        rollups.inRebuildOrder().forEach(r -> checks.add(rollupChecks.get(r.name())));
        checks.add(rowChecks.get(2));
        return checks;
    }

    /** The chains left in {@code chains}, taken one at a time until none is. */
    private static List<CheckResult> compareChains(Connection connection, Queue<List<Comparison>> chains,
            Duration timeout) throws SQLException {
        var checks = new ArrayList<CheckResult>();
        for (List<Comparison> chain = chains.poll(); chain != null; chain = chains.poll()) {
            checks.addAll(compareAll(connection, chain, timeout));
        }
        return checks;
    }

    @FunctionalInterface
    private interface Comparing {
        List<CheckResult> on(Connection connection) throws SQLException;
    }

    /**
     * Comparisons on a pooled connection in a REPEATABLE READ transaction of their own; the connection is given back
     * as it was lent whatever happens, which ends the transaction and drops the recomputed rows.
     */
    private List<CheckResult> inTransaction(Comparing comparing) throws SQLException {
        Connection connection = target.getConnection();
        List<CheckResult> checks;
        try {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            checks = comparing.on(connection);
        } catch (SQLException | RuntimeException e) {
            PooledConnections.giveBackAfter(connection, e);
            throw e;
        }
        PooledConnections.giveBack(connection);
        return checks;
    }

    /** Each statement bounded by {@code timeout}, as long as a build may take: it recomputes what a build does. */
    private static List<CheckResult> compareAll(Connection connection, List<Comparison> comparisons, Duration timeout)
            throws SQLException {
        var checks = new ArrayList<CheckResult>();
        try (var statement = connection.createStatement()) {
            statement.setQueryTimeout(Math.toIntExact(Math.max(1, timeout.toSeconds())));
            for (Comparison c : comparisons) {
                if (c.recomputedInto() != null) {
                    statement.execute("CREATE TEMP TABLE " + c.recomputedInto() + " ON COMMIT DROP AS " + c.recomputed());
                }
                checks.add(compare(statement, c));
            }
        }
        return checks;
    }

    private static CheckResult compare(java.sql.Statement statement, Comparison c) throws SQLException {
        String recomputed = c.recomputedInto() == null ? c.recomputed() : "SELECT * FROM pg_temp." + c.recomputedInto();
        // The rule gives one row per key by construction, so the rows are paired by key in one join and a pair that
        // is not equal, or a row without a partner, differs (a changed row counts once). A row kept twice would pair
        // equal twice: the kept table needs a unique index that no NULL and no condition escapes, checked here.
        // Grouping both sides by whole row instead took 3x as long on the facts of a million posts, their rule's
        // rows materialized first (BENCHMARKS.md, session 62).
        String sql = "SELECT count(*), (array_agg(audit_key ORDER BY audit_key))[1:" + EXAMPLES + "],"
                + " (SELECT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = '" + c.keptRelation() + "'::regclass"
                + " AND i.indisunique AND i.indisvalid AND i.indpred IS NULL AND (i.indnullsnotdistinct OR NOT EXISTS"
                + " (SELECT 1 FROM unnest(i.indkey::int2[]) k LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid"
                + " AND a.attnum = k WHERE a.attnotnull IS NOT TRUE))))"
                + " FROM (SELECT coalesce(d.audit_key, t.audit_key) AS audit_key"
                + " FROM (SELECT recomputed.*, " + c.key() + " AS audit_key FROM (" + recomputed + ") recomputed) d"
                + " FULL JOIN (SELECT kept.*, " + c.key() + " AS audit_key FROM (" + c.kept() + ") kept) t"
                + " ON " + c.sameKey() + " WHERE d IS DISTINCT FROM t) differing";
        try (var rows = statement.executeQuery(sql)) {
            rows.next();
            long differing = rows.getLong(1);
            List<Object> examples = differing == 0 ? List.of() : List.of((Object[]) rows.getArray(2).getArray());
            if (!rows.getBoolean(3)) {
                return new CheckResult(c.name(), Category.STRUCTURAL, CheckResult.Outcome.FAILED, 0L,
                        Map.of("differingRows", differing, "examples", examples), c.meaning() + ": " + c.keptRelation()
                        + " has no valid unique index, so a row kept twice cannot be told apart (the migrations"
                        + " create one; a rebuild-read-model after restoring it repairs the rows)");
            }
            return new CheckResult(c.name(), Category.STRUCTURAL,
                    differing == 0 ? CheckResult.Outcome.PASSED : CheckResult.Outcome.FAILED, 0L,
                    Map.of("differingRows", differing, "examples", examples),
                    differing == 0 ? c.meaning() : c.meaning() + ": " + differing + " rows differ, e.g. " + examples
                            + " (" + c.repair() + ")");
        }
    }

    /**
     * Every pre-aggregation the read model declares, against the facts summed by its rule, recomputed as a rebuild
     * recomputes it (V25): from the facts, or summed from the recomputed rows of the finer rollup it is summed from,
     * which comes before it. That sum is the rule's (ReadModelMaintenanceTest compares every rebuilt rollup with its
     * rule) for a fraction of the reading (BENCHMARKS.md, session 60). A rollup is never compared with another as
     * kept, so one that drifted fails alone. Only the recomputed rows of a rollup others are summed from are kept.
     */
    /**
     * The declared rollups' comparisons in rebuild order (each after the one it is recomputed from), and grouped in
     * chains by the one of each chain recomputed from the facts, the chains whose first rollup keeps the most rows
     * (as the planner's statistics estimate them) first.
     */
    private record Rollups(List<Comparison> inRebuildOrder, Queue<List<Comparison>> chainsLargestFirst) {
    }

    private static Rollups rollups(java.sql.Statement statement) throws SQLException {
        var comparisons = new ArrayList<Comparison>();
        var chains = new HashMap<String, List<Comparison>>();
        var rootOf = new HashMap<String, String>();
        var keptRows = new HashMap<String, Double>();
        try (var rows = statement.executeQuery("SELECT name, relation, time_column, unit, dimensions, "
                + "horizon IS NOT NULL, rollup_rebuild_sql(r), rollup_rebuild_source(r), "
                + "EXISTS (SELECT 1 FROM read_model_rollups o WHERE rollup_rebuild_source(o) = r.name), "
                + "rollup_same_row_sql(r), (SELECT reltuples FROM pg_class WHERE oid = to_regclass(r.relation)) "
                + "FROM read_model_rollups r ORDER BY rollup_rebuild_order(unit), cardinality(dimensions) DESC, name")) {
            while (rows.next()) {
                String name = identifier(rows.getString(1));
                String relation = identifier(rows.getString(2));
                String time = identifier(rows.getString(3));
                List<Object> dimensions = List.of((Object[]) rows.getArray(5).getArray());
                String key = time + (dimensions.contains("community_id")
                        ? " || ' community ' || coalesce(community_id::text, 'none')" : "")
                        + (dimensions.contains("platform_detail") ? " || ' ' || platform_detail" : "")
                        + (dimensions.contains("category") ? " || ' category ' || coalesce(category, 'none')" : "")
                        + (dimensions.contains("hashtag") ? " || ' hashtag ' || coalesce(hashtag, 'none')" : "");
                String kept = "SELECT * FROM " + relation + (rows.getBoolean(6)
                        ? " WHERE " + time + " >= (SELECT rollup_horizon(horizon) FROM read_model_rollups WHERE name = '"
                        + name + "')" : "");
                String source = rows.getString(8);
                var comparison = new Comparison(name + "_rollup_matches_facts", rows.getString(7),
                        rows.getBoolean(9) ? "rebuilt_" + name : null, kept, relation, rows.getString(10), key,
                        relation + " equals the facts summed per UTC " + rows.getString(4).replace('_', ' ')
                        + (dimensions.isEmpty() ? "" : " and " + String.join(", ",
                                dimensions.stream().map(Object::toString).toList()))
                        + (rows.getBoolean(6) ? " since its horizon" : "")
                        + (source == null ? "" : " (recomputed from " + identifier(source) + "'s recomputed rows)"));
                comparisons.add(comparison);
                String root = source == null ? name : rootOf.get(source);
                rootOf.put(name, root);
                keptRows.putIfAbsent(root, rows.getDouble(11));
                chains.computeIfAbsent(root, r -> new ArrayList<>()).add(comparison);
            }
        }
        var largestFirst = new ConcurrentLinkedQueue<List<Comparison>>();
        chains.keySet().stream().sorted(Comparator.comparing(keptRows::get).reversed())
                .forEach(root -> largestFirst.add(chains.get(root)));
        return new Rollups(List.copyOf(comparisons), largestFirst);
    }

    private static String identifier(String declared) {
        if (!IDENTIFIER.matcher(declared).matches()) {
            throw new IllegalStateException("read_model_rollups declares an unexpected name: " + declared);
        }
        return declared;
    }
}
