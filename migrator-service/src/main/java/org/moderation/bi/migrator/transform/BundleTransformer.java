package org.moderation.bi.migrator.transform;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.moderation.bi.migrator.legacy.LegacyPost;
import org.moderation.bi.migrator.legacy.LegacyPostWithReports;
import org.moderation.bi.migrator.legacy.LegacyReport;
import org.moderation.bi.shared.submission.OpenValues;
import org.moderation.bi.shared.submission.SubmissionStatus;

/**
 * A pure function from a legacy post and its reports to a submission bundle. It decides nothing about takedowns:
 * that rule lives in the read model's SQL, so the raw timestamps are carried over untouched.
 */
public final class BundleTransformer {

    private static final Set<String> STATUSES = Set.copyOf(SubmissionStatus.codes());
    private static final ObjectMapper JSON = new ObjectMapper();

    private BundleTransformer() {
    }

    public static TransformResult transform(LegacyPostWithReports source) {
        LegacyPost post = source.post();
        try {
            String status = post.status() == null ? "" : post.status().strip().toLowerCase(Locale.ROOT);
            if (!STATUSES.contains(status)) {
                throw new MalformedLegacyRow("UNKNOWN_STATUS", "status '" + post.status() + "' is not a known status");
            }
            return new TransformResult.Accepted(new SubmissionBundle(
                    post.id(),
                    post.communityId(),
                    post.submittedBy(),
                    post.url(),
                    PlatformClassifier.classify(post.url(), post.platform()),
                    status,
                    post.createdAt(),
                    post.removedAt(),
                    post.updatedAt(),
                    new SubmissionBundle.PostData(post.contentText(), post.authorHandle(), post.postedAt()),
                    new SubmissionBundle.Metadata(language(post.extraJson()), post.extraJson()),
                    OpenValues.hashtags(post.hashtags()),
                    OpenValues.categoryCodes(post.categories()),
                    AnalysisMapper.map(post.analysisJson()),
                    post.rawJson(),
                    source.reports().stream().map(BundleTransformer::report).toList()));
        } catch (MalformedLegacyRow e) {
            return new TransformResult.Quarantined(post.id(), e.reasonCode(), e.getMessage());
        } catch (RuntimeException e) {
            // A value no rule foresaw must cost one quarantined post, never the run.
            return new TransformResult.Quarantined(post.id(), "TRANSFORM_FAILED",
                    "no rule could read this post: " + e.getMessage());
        }
    }

    private static SubmissionBundle.Report report(LegacyReport report) {
        return new SubmissionBundle.Report(report.id(), report.reportedBy(), report.channel(), report.reportedAt(),
                report.platformTicket(), report.outcome(), report.takenDownAt(), report.updatedAt());
    }

    /** The legacy {@code extra} JSON is free-form; a language is taken only when it is a plain string. */
    private static String language(String extraJson) {
        if (extraJson == null) {
            return null;
        }
        try {
            JsonNode language = JSON.readTree(extraJson).path("language");
            return language.isTextual() ? OpenValues.language(language.textValue()) : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

}
