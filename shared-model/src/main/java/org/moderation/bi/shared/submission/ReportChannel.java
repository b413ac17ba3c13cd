package org.moderation.bi.shared.submission;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The channel a report was filed through, as the read model keeps it: the legacy app's four channels, {@code other}
 * for any other text and {@code unknown} where none was recorded. The read model's {@code report_channel()} maps a
 * legacy value to one of these (trimmed, lower-case, spaces and hyphens as '_'); the legacy row keeps it as written.
 */
public enum ReportChannel {
    PLATFORM_FORM, TRUSTED_FLAGGER, EMAIL, API, OTHER, UNKNOWN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every channel's code, as the read model holds it. */
    public static List<String> codes() {
        return Arrays.stream(values()).map(ReportChannel::code).toList();
    }
}
