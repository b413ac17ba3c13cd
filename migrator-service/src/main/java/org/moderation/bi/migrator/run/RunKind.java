package org.moderation.bi.migrator.run;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a run does before it reconciles legacy and target: a full load reads every post, a delta the posts whose
 * updated_at moved; a reconciliation and an audit load nothing first. Full loads and audits then check every
 * submission and the read model; deltas and reconciliations check what they changed.
 */
public enum RunKind {
    FULL, DELTA, RECONCILE, AUDIT;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean audits() {
        return this == FULL || this == AUDIT;
    }

    public static Optional<RunKind> of(String code) {
        return Arrays.stream(values()).filter(k -> k.code().equals(code)).findFirst();
    }
}
