package org.moderation.bi.shared.api.migration;

import java.time.OffsetDateTime;

/** One refresh of the read model ({@code mv_submission_facts} and its daily rollup). */
public record RefreshView(OffsetDateTime startedAt, OffsetDateTime finishedAt, long durationMs, boolean concurrent) {
}
