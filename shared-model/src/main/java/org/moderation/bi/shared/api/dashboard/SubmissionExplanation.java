package org.moderation.bi.shared.api.dashboard;

import java.time.Instant;
import java.util.List;

/** Why one submission counts as it does: its takedown and its platform, with the values they came from. */
public record SubmissionExplanation(
        long submissionId,
        long legacyId,
        String community,
        String status,
        Instant submittedAt,
        Takedown takedown,
        PlatformDecision platform) {

    /**
     * @param effectiveAt null when the submission has no takedown (it is not a removal)
     * @param source      {@code report_flow}, {@code legacy_fallback} or null
     */
    public record Takedown(Instant effectiveAt, String source, String why, Instant legacyRemovedAt,
            List<Report> reports) {
    }

    public record Report(long legacyId, String channel, Instant reportedAt, String outcome, Instant takenDownAt) {
    }

    /** @param decidedBy {@code url_host}, {@code legacy_text} or {@code none} */
    public record PlatformDecision(String platform, String platformDetail, String decidedBy, String why, String url,
            String urlHost, String legacyPlatformText) {
    }
}
