package org.moderation.bi.migrator.validation;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What one side says about one submission, keyed by the legacy post id. */
record SubmissionFact(long legacyId, OffsetDateTime createdAt, String status, String community,
        OffsetDateTime takedownAt, String source) {

    /** How the other side's fact differs from this one, in words; empty when they agree. */
    List<String> differences(SubmissionFact other) {
        var differences = new ArrayList<String>();
        if (!sameInstant(takedownAt, other.takedownAt) || !Objects.equals(source, other.source)) {
            differences.add("takedown " + describeTakedown() + " vs " + other.describeTakedown());
        }
        if (!sameInstant(createdAt, other.createdAt)) {
            differences.add("submitted " + createdAt.toInstant() + " vs " + other.createdAt.toInstant());
        }
        if (!Objects.equals(community, other.community)) {
            differences.add("community " + community + " vs " + other.community);
        }
        if (!Objects.equals(status, other.status)) {
            differences.add("status " + status + " vs " + other.status);
        }
        return differences;
    }

    private String describeTakedown() {
        return takedownAt == null ? "none" : takedownAt.toInstant() + " (" + source + ")";
    }

    private static boolean sameInstant(OffsetDateTime a, OffsetDateTime b) {
        return a == null ? b == null : b != null && a.toInstant().equals(b.toInstant());
    }
}
