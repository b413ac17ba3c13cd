package org.moderation.bi.migrator.transform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What one legacy post becomes: the submission with its post data, metadata, hashtags, categories, analysis,
 * reports and the untouched legacy row. Foreign keys are still legacy ids; the writer resolves them.
 */
public record SubmissionBundle(
        long legacyId,
        Integer communityLegacyId,
        Integer submitterLegacyId,
        String url,
        Platform platform,
        String status,
        OffsetDateTime submittedAt,
        OffsetDateTime legacyRemovedAt,
        OffsetDateTime legacyUpdatedAt,
        PostData postData,
        Metadata metadata,
        List<String> hashtags,
        List<String> categoryCodes,
        Optional<Analysis> analysis,
        String legacyRawJson,
        List<Report> reports) {

    /**
     * A digest of every value of the bundle (the record's text lists them all, nested records included, in
     * declaration order): two equal fingerprints mean writing the bundle again would change no row. Hex-encoded.
     */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    public record PostData(String contentText, String authorHandle, OffsetDateTime postedAt) {
    }

    /** {@code language} is lifted out of the legacy {@code extra} JSON, which is kept whole. */
    public record Metadata(String language, String extraJson) {
    }

    public record Report(
            long legacyId,
            Integer reporterLegacyId,
            String channel,
            OffsetDateTime reportedAt,
            String platformTicket,
            String outcome,
            OffsetDateTime takenDownAt,
            OffsetDateTime legacyUpdatedAt) {
    }
}
