package org.moderation.bi.shared.submission;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A submission's moderation status, as the legacy app records it and the target schema allows it (the CHECK of
 * {@code submissions.status}): what the migrator accepts from the legacy database and what a metric may filter by.
 * {@code removed} alone is not a removal (the legacy README): that takes an effective takedown time.
 */
public enum SubmissionStatus {
    NEW, IN_REVIEW, REPORTED, REMOVED, REJECTED, DUPLICATE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every status's code, as the read model holds it. */
    public static List<String> codes() {
        return Arrays.stream(values()).map(SubmissionStatus::code).toList();
    }
}
