package org.moderation.bi.engine;

import java.time.Instant;

/**
 * The read model's version as one snapshot saw it: bumped in the transaction of every change, so two answers that
 * name the same version were computed from the same data. {@code verifiedAt}: when a migration run last found the
 * read model equal to the legacy database (null before the first).
 */
public record ReadModelVersion(long version, Instant changedAt, Instant verifiedAt) {
}
