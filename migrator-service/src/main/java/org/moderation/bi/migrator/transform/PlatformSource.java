package org.moderation.bi.migrator.transform;

import java.util.Locale;

/** Which legacy signal decided a submission's platform: kept so that every platform number can be explained. */
public enum PlatformSource {
    URL_HOST, LEGACY_TEXT, NONE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
