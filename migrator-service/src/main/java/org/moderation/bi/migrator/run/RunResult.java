package org.moderation.bi.migrator.run;

import org.moderation.bi.migrator.validation.ValidationReport;
import org.moderation.bi.shared.api.migration.ReconciliationView;

/** A finished run: its id, what its reconciliation found and repaired, and the validation report. */
public record RunResult(long runId, ReconciliationView reconciliation, ValidationReport validation) {
}
