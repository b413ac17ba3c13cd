package org.moderation.bi.migrator.load;

import org.moderation.bi.migrator.readmodel.ReadModelRefresher;
import org.moderation.bi.migrator.validation.ValidationReport;

/** A finished run: its id, what the read model refresh cost (null when nothing changed), and the validation report. */
public record RunResult(long runId, ReadModelRefresher.Refresh refresh, ValidationReport validation) {
}
