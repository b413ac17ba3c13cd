package org.moderation.bi.dashboard.explain;

import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.dashboard.readmodel.ReadModel;
import org.moderation.bi.dashboard.scope.CommunityScope;
import org.moderation.bi.dashboard.scope.ScopeResolver;
import org.moderation.bi.engine.SubmissionRecord;
import org.moderation.bi.shared.api.dashboard.SubmissionExplanation;

/**
 * Puts the business rules into words for one submission. It explains what the read model computed; it does not
 * compute takedowns or platforms again (those rules live in the read model's SQL and the migrator).
 */
@ApplicationScoped
public class ExplainService {

    private final ScopeResolver scopes;
    private final ReadModel readModel;

    public ExplainService(ScopeResolver scopes, ReadModel readModel) {
        this.scopes = scopes;
        this.readModel = readModel;
    }

    /** Empty when there is no such live submission in the caller's scope (the two are not told apart). */
    public Optional<SubmissionExplanation> explain(long submissionId) throws SQLException {
        CommunityScope scope = scopes.resolve(List.of());
        return readModel.read(null, null, snapshot -> snapshot.submission(submissionId, scope.engineScope())).map(f ->
                new SubmissionExplanation(f.submissionId(), f.legacyId(), f.community(), f.status(), f.submittedAt(),
                        new SubmissionExplanation.Takedown(f.effectiveTakedownAt(), f.takedownSource(), takedownWhy(f),
                                f.legacyRemovedAt(), f.reports().stream().map(ExplainService::report).toList()),
                        new SubmissionExplanation.PlatformDecision(f.platform(), f.platformDetail(), f.platformSource(),
                                platformWhy(f), f.url(), f.urlHost(), f.legacyPlatformText())));
    }

    private static SubmissionExplanation.Report report(SubmissionRecord.Report r) {
        return new SubmissionExplanation.Report(r.legacyId(), r.channel(), r.reportedAt(), r.outcome(), r.takenDownAt());
    }

    static String takedownWhy(SubmissionRecord f) {
        if ("report_flow".equals(f.takedownSource())) {
            var first = f.reports().stream().filter(r -> r.takenDownAt() != null)
                    .min(Comparator.comparing(SubmissionRecord.Report::takenDownAt)).orElseThrow();
            return "Taken down at " + f.effectiveTakedownAt() + ": the earliest taken_down_at among its reports (report "
                    + first.legacyId() + "). A report takedown counts before the post's removed_at"
                    + (f.legacyRemovedAt() == null ? "." : ", so removed_at " + f.legacyRemovedAt() + " is not used.");
        }
        if ("legacy_fallback".equals(f.takedownSource())) {
            return "Taken down at " + f.effectiveTakedownAt() + ": no report has a taken_down_at, so the post's "
                    + "removed_at counts.";
        }
        return "Not a removal: no report has a taken_down_at and the post has no removed_at"
                + ("removed".equals(f.status()) ? "; its status 'removed' without a timestamp is a data-quality finding, "
                        + "not a removal." : ".");
    }

    static String platformWhy(SubmissionRecord f) {
        return switch (Objects.requireNonNullElse(f.platformSource(), "none")) {
            case "url_host" -> "The URL host " + f.urlHost() + " says " + f.platformDetail() + "; the URL decides first"
                    + (f.legacyPlatformText() == null || f.legacyPlatformText().isBlank() ? "."
                            : ", so the legacy text '" + f.legacyPlatformText() + "' is not used.");
            case "legacy_text" -> "The URL names no host, so the legacy platform text '" + f.legacyPlatformText()
                    + "' decides" + ("unknown".equals(f.platformDetail()) && "meta".equals(f.platform())
                            ? ": 'Meta' alone says meta, detail unknown." : ".");
            default -> "Neither the URL nor the legacy platform text names a platform: unknown.";
        };
    }
}
