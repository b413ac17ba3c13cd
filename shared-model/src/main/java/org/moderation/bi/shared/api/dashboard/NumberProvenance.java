package org.moderation.bi.shared.api.dashboard;

/**
 * Where a dashboard number comes from: the metric definition it was compiled from (its key, version and the hash of
 * its canonical JSON, which the catalog shows for the same version) and the read-model relation it was summed from.
 *
 * @param computedFrom {@code mv_daily_rollup}, {@code mv_hourly_rollup} or {@code mv_submission_facts}
 */
public record NumberProvenance(String metric, int version, String definitionHash, String computedFrom) {
}
