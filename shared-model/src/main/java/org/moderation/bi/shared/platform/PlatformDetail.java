package org.moderation.bi.shared.platform;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The specific platform a submission's content lives on, as the business rules name it (the legacy README's
 * "platform detail"), and the broad group each belongs to: what the migrator classifies into and what dashboards
 * may filter by.
 */
public enum PlatformDetail {
    FACEBOOK, INSTAGRAM, THREADS, WHATSAPP, X, TIKTOK, YOUTUBE, TELEGRAM, REDDIT, OTHER, UNKNOWN;

    public static final String META_GROUP = "meta";

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every detail's code, as the read model holds it. */
    public static List<String> codes() {
        return Arrays.stream(values()).map(PlatformDetail::code).toList();
    }

    /** Every group's code: {@code meta} and each detail outside it ('Meta' alone is meta with detail unknown). */
    public static List<String> groups() {
        return Arrays.stream(values()).map(PlatformDetail::group).distinct().toList();
    }

    /** The broad platform group: Meta's four apps collapse into {@code meta}, every other detail is its own group. */
    public String group() {
        return switch (this) {
            case FACEBOOK, INSTAGRAM, THREADS, WHATSAPP -> META_GROUP;
            default -> code();
        };
    }
}
