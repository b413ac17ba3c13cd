package org.moderation.bi.migrator.validation;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

import org.moderation.bi.migrator.legacy.LegacySnapshot;
import org.moderation.bi.migrator.validation.CheckResult.Category;

/**
 * Compares what the business rules say about the legacy data with what the read model says: submission by
 * submission (all of them in an audit, the ones a delta changed otherwise), and the figures in aggregate. The legacy
 * side applies the rules of the legacy README in its own SQL, independently of the read model's SQL: that
 * independence is the point.
 */
@ApplicationScoped
public class SemanticChecks {

    /** Effective takedown: earliest report takedown if any report has one, else posts.removed_at, else none. */
    private static final String LEGACY_FACTS = """
            SELECT p.id, p.created_at, p.status, c.slug,
                   CASE WHEN fr.first_takedown IS NOT NULL THEN fr.first_takedown ELSE p.removed_at END,
                   CASE WHEN fr.first_takedown IS NOT NULL THEN 'report_flow'
                        WHEN p.removed_at IS NOT NULL THEN 'legacy_fallback' END
            FROM posts p
            LEFT JOIN communities c ON c.id = p.community_id
            LEFT JOIN LATERAL (SELECT min(taken_down_at) AS first_takedown FROM post_reports WHERE post_id = p.id) fr
                   ON true
            WHERE p.id NOT IN (SELECT unnest(?::bigint[])) %s
            ORDER BY p.id""";

    private static final String TARGET_FACTS = """
            SELECT legacy_id, submitted_at, status, community_slug, effective_takedown_at, takedown_source
            FROM mv_submission_facts
            WHERE legacy_id NOT IN (SELECT unnest(?::bigint[])) %s
            ORDER BY legacy_id""";

    private static final int EXAMPLES = 5;

    private final AgroalDataSource target;

    public SemanticChecks(AgroalDataSource target) {
        this.target = target;
    }

    /**
     * @param leftOut   legacy ids left out of both sides (quarantined)
     * @param onlyThese the legacy ids to compare, or null for every one
     */
    public CheckResult perSubmission(LegacySnapshot snapshot, Long[] leftOut, Long[] onlyThese) throws SQLException {
        String legacySql = LEGACY_FACTS.formatted(onlyThese == null ? "" : "AND p.id = ANY (?)");
        String targetSql = TARGET_FACTS.formatted(onlyThese == null ? "" : "AND legacy_id = ANY (?)");
        Long[][] parameters = onlyThese == null ? new Long[][] {leftOut} : new Long[][] {leftOut, onlyThese};
        try (Connection connection = target.getConnection()) {
            // A cursor streams only inside a transaction; the read model holds a million rows.
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (var legacyFacts = new FactCursor(snapshot.connection(), legacySql, parameters);
                 var targetFacts = new FactCursor(connection, targetSql, parameters)) {
                return compare(legacyFacts, targetFacts, onlyThese == null ? "every" : "each changed");
            } finally {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setAutoCommit(true);
            }
        }
    }

    private static CheckResult compare(FactCursor legacyFacts, FactCursor targetFacts, String which)
            throws SQLException {
        long compared = 0;
        long disagreements = 0;
        var examples = new ArrayList<String>();
        SubmissionFact l = legacyFacts.next();
        SubmissionFact t = targetFacts.next();
        while (l != null || t != null) {
            String problem = null;
            if (t == null || l != null && l.legacyId() < t.legacyId()) {
                problem = "legacy post " + l.legacyId() + " is missing from the read model";
                l = legacyFacts.next();
            } else if (l == null || t.legacyId() < l.legacyId()) {
                problem = "read model has legacy post " + t.legacyId() + " which the legacy database does not";
                t = targetFacts.next();
            } else {
                List<String> differences = l.differences(t);
                if (!differences.isEmpty()) {
                    problem = "legacy post " + l.legacyId() + ", legacy rules vs read model: "
                            + String.join("; ", differences);
                }
                l = legacyFacts.next();
                t = targetFacts.next();
            }
            compared++;
            if (problem != null && disagreements++ < EXAMPLES) {
                examples.add(problem);
            }
        }
        return new CheckResult("per_submission_facts", Category.SEMANTIC,
                disagreements == 0 ? CheckResult.Outcome.PASSED : CheckResult.Outcome.FAILED, 0L,
                Map.of("compared", compared, "disagreements", disagreements, "examples", examples),
                disagreements == 0
                        ? which + " submission has the takedown, source, submission time, community and status the "
                                + "rules give (" + compared + " compared)"
                        : disagreements + " submissions disagree with the rules");
    }

    /** The figures leadership relies on, legacy rules vs read model. */
    public static List<CheckResult> figures(BusinessFigures legacy, BusinessFigures target) {
        return List.of(
                CheckResult.compare("submissions_total", Category.SEMANTIC, legacy.submissions(),
                        target.submissions(), "live submissions"),
                CheckResult.compare("removed_total", Category.SEMANTIC, legacy.removed(), target.removed(),
                        "submissions with an effective takedown time"),
                CheckResult.compare("removed_by_month", Category.SEMANTIC, legacy.removedByMonth(),
                        target.removedByMonth(), "removals per UTC month of the effective takedown"),
                CheckResult.compare("takedown_source_split", Category.SEMANTIC, legacy.removedBySource(),
                        target.removedBySource(), "removals by takedown source"),
                CheckResult.compare("removal_rate_trailing_window", Category.SEMANTIC, legacy.removalRate(),
                        target.removalRate(), "removal rate of the submissions created in the last "
                                + "whole UTC days, takedowns counted up to the legacy snapshot"),
                CheckResult.compare("submissions_by_community", Category.SEMANTIC, legacy.submissionsByCommunity(),
                        target.submissionsByCommunity(),
                        "live submissions per community (what scopes community managers' numbers)"));
    }
}
