package org.moderation.bi.dashboard.alerts;

import org.moderation.bi.engine.ReadModelVersion;

/**
 * What one evaluation read in one snapshot: the rule's value, the earlier window's (change conditions), the rows
 * counted (a ratio's denominator; null where the metric has no count), and the versions of that snapshot.
 */
record Reading(Double value, Double compared, Double count, ReadModelVersion readModel, long dataVersion) {

    /** The same numbers, as of another snapshot and data version (they could not have changed, or were read so). */
    Reading at(ReadModelVersion snapshot, long data) {
        return new Reading(value, compared, count, snapshot, data);
    }
}
