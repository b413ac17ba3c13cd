package org.moderation.bi.shared.api.migration;

/**
 * @param allowMassDelete consent to the deletions the guard refused (a real clean-up), for the batch it paused on;
 *                        null: no
 */
public record ResumeStreamRequest(Boolean allowMassDelete) {
}
