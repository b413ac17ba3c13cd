package org.moderation.bi.shared.api.migration;

import java.time.OffsetDateTime;

/**
 * One full rebuild of the read model ({@code mv_submission_facts} and its rollups) from the rules.
 *
 * @param rowsChanged facts and rollup rows that differed from the kept read model; 0 when it was already exact
 */
public record RebuildView(OffsetDateTime startedAt, OffsetDateTime finishedAt, long durationMs, long rowsChanged) {
}
