package org.moderation.bi.migrator.validation;

import java.time.OffsetDateTime;
import java.util.Objects;

/** What one side says about one submission, keyed by the legacy post id. */
record SubmissionFact(long legacyId, OffsetDateTime createdAt, String status, String community,
        OffsetDateTime takedownAt, String source) {

    boolean sameTakedownAs(SubmissionFact other) {
        boolean sameTime = takedownAt == null ? other.takedownAt == null
                : other.takedownAt != null && takedownAt.toInstant().equals(other.takedownAt.toInstant());
        return sameTime && Objects.equals(source, other.source);
    }

    String describeTakedown() {
        return takedownAt == null ? "no takedown" : takedownAt.toInstant() + " (" + source + ")";
    }
}
