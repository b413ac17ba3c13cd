package org.moderation.bi.migrator.validation;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;

import org.moderation.bi.migrator.persistence.ReadSnapshot;
import org.moderation.bi.migrator.validation.CheckResult.Category;

/**
 * Compares what the business rules say about the legacy data with what the read model says, submission by
 * submission and in aggregate. The legacy side applies the rules of the legacy README itself, in its own SQL,
 * independently of the read model's SQL: that independence is the point.
 */
@ApplicationScoped
public class SemanticChecks {

    /** Effective takedown: earliest report takedown if any report has one, else posts.removed_at, else none. */
    static final String LEGACY_FACTS = """
            SELECT p.id, p.created_at, p.status, c.slug,
                   CASE WHEN fr.first_takedown IS NOT NULL THEN fr.first_takedown ELSE p.removed_at END,
                   CASE WHEN fr.first_takedown IS NOT NULL THEN 'report_flow'
                        WHEN p.removed_at IS NOT NULL THEN 'legacy_fallback' END
            FROM posts p
            LEFT JOIN communities c ON c.id = p.community_id
            LEFT JOIN (SELECT post_id, min(taken_down_at) AS first_takedown FROM post_reports GROUP BY post_id) fr
                   ON fr.post_id = p.id
            WHERE p.id NOT IN (SELECT unnest(?::bigint[]))
            ORDER BY p.id""";

    static final String TARGET_FACTS = """
            SELECT legacy_id, submitted_at, status, community_slug, effective_takedown_at, takedown_source
            FROM mv_submission_facts
            WHERE legacy_id NOT IN (SELECT unnest(?::bigint[]))
            ORDER BY legacy_id""";

    private static final int EXAMPLES = 5;

    private final AgroalDataSource legacy;
    private final AgroalDataSource target;

    public SemanticChecks(@DataSource("legacy") AgroalDataSource legacy, AgroalDataSource target) {
        this.legacy = legacy;
        this.target = target;
    }

    /** @param leftOut legacy ids left out of both sides (quarantined, or changed since the run began) */
    public List<CheckResult> run(Long[] leftOut, OffsetDateTime windowFrom, OffsetDateTime asOf)
            throws SQLException {
        try (Connection legacyConnection = legacy.getConnection();
             Connection targetConnection = target.getConnection()) {
            return ReadSnapshot.read(legacyConnection, l -> ReadSnapshot.read(targetConnection, t -> {
                try (var legacyFacts = new FactCursor(l, LEGACY_FACTS, leftOut);
                     var targetFacts = new FactCursor(t, TARGET_FACTS, leftOut)) {
                    return compare(legacyFacts, targetFacts, windowFrom, asOf);
                }
            }));
        }
    }

    private static List<CheckResult> compare(FactCursor legacyFacts, FactCursor targetFacts,
            OffsetDateTime windowFrom, OffsetDateTime asOf) throws SQLException {
        var legacySide = new FiguresAccumulator(windowFrom, asOf);
        var targetSide = new FiguresAccumulator(windowFrom, asOf);
        long disagreements = 0;
        var examples = new ArrayList<String>();
        SubmissionFact l = legacyFacts.next();
        SubmissionFact t = targetFacts.next();
        while (l != null || t != null) {
            String problem = null;
            if (t == null || l != null && l.legacyId() < t.legacyId()) {
                legacySide.add(l);
                problem = "legacy post " + l.legacyId() + " is missing from the read model";
                l = legacyFacts.next();
            } else if (l == null || t.legacyId() < l.legacyId()) {
                targetSide.add(t);
                problem = "read model has legacy post " + t.legacyId() + " which the legacy database does not";
                t = targetFacts.next();
            } else {
                legacySide.add(l);
                targetSide.add(t);
                if (!l.sameTakedownAs(t)) {
                    problem = "legacy post " + l.legacyId() + ": legacy rules say " + l.describeTakedown()
                            + ", read model says " + t.describeTakedown();
                }
                l = legacyFacts.next();
                t = targetFacts.next();
            }
            if (problem != null && disagreements++ < EXAMPLES) {
                examples.add(problem);
            }
        }
        BusinessFigures legacyFigures = legacySide.figures();
        BusinessFigures targetFigures = targetSide.figures();
        return List.of(
                new CheckResult("per_submission_takedown", Category.SEMANTIC,
                        disagreements == 0 ? CheckResult.Outcome.PASSED : CheckResult.Outcome.FAILED, 0L,
                        Map.of("disagreements", disagreements, "examples", examples),
                        disagreements == 0 ? "every submission has the effective takedown and source the rules give"
                                : disagreements + " submissions disagree with the rules"),
                CheckResult.compare("removed_total", Category.SEMANTIC, legacyFigures.removed(),
                        targetFigures.removed(), "submissions with an effective takedown time"),
                CheckResult.compare("removed_by_month", Category.SEMANTIC, legacyFigures.removedByMonth(),
                        targetFigures.removedByMonth(), "removals per UTC month of the effective takedown"),
                CheckResult.compare("takedown_source_split", Category.SEMANTIC, legacyFigures.removedBySource(),
                        targetFigures.removedBySource(), "removals by takedown source"),
                CheckResult.compare("removal_rate_trailing_window", Category.SEMANTIC, legacyFigures.removalRate(),
                        targetFigures.removalRate(), "removal rate of the submissions created in the trailing window"),
                CheckResult.compare("submissions_by_community", Category.SEMANTIC,
                        legacyFigures.submissionsByCommunity(), targetFigures.submissionsByCommunity(),
                        "live submissions per community (what scopes community managers' numbers)"),
                CheckResult.finding("status_removed_without_takedown", legacyFigures.removedStatusWithoutTakedown(),
                        targetFigures.removedStatusWithoutTakedown(),
                        "status 'removed' with no takedown timestamp anywhere: not counted as removals"));
    }
}
