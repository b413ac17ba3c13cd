package org.moderation.bi.migrator.run;

import java.util.Locale;

public enum RunKind {
    FULL, DELTA;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
