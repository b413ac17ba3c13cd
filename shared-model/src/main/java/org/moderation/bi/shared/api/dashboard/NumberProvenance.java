package org.moderation.bi.shared.api.dashboard;

import java.util.List;

/**
 * Where a number comes from: the metric definition it was computed from (its key, version, status and the hash of
 * its canonical JSON, which the catalog shows for the same version), the rule in words (the definition's
 * description), and the read-model relations it was summed from.
 *
 * @param readFrom the pre-aggregations declared in the read model's {@code read_model_rollups} ({@code mv_monthly_rollup},
 *                 {@code mv_weekly_by_platform_rollup}, {@code mv_daily_total_rollup}, …) and/or
 *                 {@code mv_submission_facts}
 */
public record NumberProvenance(String metric, int version, String status, String definitionHash, String rule,
        List<String> readFrom) {
}
