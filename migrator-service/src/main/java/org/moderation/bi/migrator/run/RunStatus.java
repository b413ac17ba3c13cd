package org.moderation.bi.migrator.run;

import java.util.Locale;

public enum RunStatus {
    RUNNING, SUCCEEDED, VALIDATION_FAILED, FAILED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
