package org.moderation.bi.shared.api.dashboard;

import java.time.Instant;

/**
 * Whether the cohort behind a number of a metric with a horizon is complete: "taken down within 14 days" of a window
 * whose submissions are not all 14 days old yet can still rise, so it is immature and must not be read as final, nor
 * compared with a mature one. Null on numbers of metrics without a horizon.
 *
 * @param horizon   the metric's horizon, ISO-8601 ({@code P14D})
 * @param mature    every submission of the window or bucket is at least the horizon old (as of the request)
 * @param maturesAt when that is (or was) so: the window's or bucket's end plus the horizon
 */
public record MaturityView(String horizon, boolean mature, Instant maturesAt) {
}
