package org.moderation.bi.migrator.transform;

import java.util.Locale;

/** The specific platform a submission's content lives on, as the business rules name it. */
public enum PlatformDetail {
    FACEBOOK, INSTAGRAM, THREADS, WHATSAPP, X, TIKTOK, YOUTUBE, TELEGRAM, REDDIT, OTHER, UNKNOWN;

    public static final String META_GROUP = "meta";

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The broad platform group: Meta's four apps collapse into {@code meta}, every other detail is its own group. */
    public String group() {
        return switch (this) {
            case FACEBOOK, INSTAGRAM, THREADS, WHATSAPP -> META_GROUP;
            default -> code();
        };
    }
}
