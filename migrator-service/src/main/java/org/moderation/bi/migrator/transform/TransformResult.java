package org.moderation.bi.migrator.transform;

/** The transformer's verdict on one legacy post: a bundle to write, or a quarantine entry with a reason. */
public sealed interface TransformResult {

    long legacyId();

    record Accepted(SubmissionBundle bundle) implements TransformResult {
        @Override
        public long legacyId() {
            return bundle.legacyId();
        }
    }

    record Quarantined(long legacyId, String reasonCode, String detail) implements TransformResult {
    }
}
