package org.moderation.bi.engine;

/**
 * What a snapshot is of: the read model's version (null when it has none yet) and the version of the last change to
 * the UTC months of the window it was read for (0: none since they were first counted).
 */
public record Versions(ReadModelVersion version, long dataVersion) {
}
