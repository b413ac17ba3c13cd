package org.moderation.bi.migrator.run;

import org.moderation.bi.migrator.persistence.ChunkCounts;
import org.moderation.bi.migrator.validation.ValidationReport;
import org.moderation.bi.shared.api.migration.ReconciliationView;

/**
 * A finished run: its id and kind, what it did with the posts it looked at, what its reconciliation found and
 * repaired, and the validation report.
 */
public record RunResult(long runId, RunKind kind, ChunkCounts counts, ReconciliationView reconciliation,
        ValidationReport validation) {

    /** One line that says what changed: written, unchanged and removed apart, as the run's row counts them. */
    public String countsLine() {
        return String.format("run %d (%s): %,d posts looked at: %,d written (%,d of them restored), %,d unchanged, "
                        + "%,d quarantined, %,d removed (soft-deleted)", runId, kind.code(), counts.read(),
                counts.written(), counts.restored(), counts.unchanged(), counts.quarantined(), counts.softDeleted());
    }
}
