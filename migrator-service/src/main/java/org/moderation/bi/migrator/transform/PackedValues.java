package org.moderation.bi.migrator.transform;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Unpacks the legacy packed-string columns. Every value met is kept (normalized, deduplicated, in first-seen
 * order): moderators coin new category codes and hashtags all the time, so nothing is folded into a catch-all.
 */
public final class PackedValues {

    private static final Pattern CATEGORY_SEPARATOR = Pattern.compile(";");
    private static final Pattern HASHTAG_SEPARATOR = Pattern.compile("[\\s,#]+");
    private static final Pattern INNER_WHITESPACE = Pattern.compile("\\s+");

    private PackedValues() {
    }

    /** {@code ' Holocaust_Denial;conspiracy;;CONSPIRACY'} → {@code [holocaust_denial, conspiracy]}. */
    public static List<String> categoryCodes(String packed) {
        return unpack(packed, CATEGORY_SEPARATOR);
    }

    /** {@code '#Jews #NWO,globalists'} → {@code [jews, nwo, globalists]}: lower-case, no '#'. */
    public static List<String> hashtags(String packed) {
        return unpack(packed, HASHTAG_SEPARATOR);
    }

    private static List<String> unpack(String packed, Pattern separator) {
        if (packed == null) {
            return List.of();
        }
        var values = new LinkedHashSet<String>();
        for (String item : separator.split(Normalizer.normalize(packed, Normalizer.Form.NFKC))) {
            String value = INNER_WHITESPACE.matcher(item.strip()).replaceAll("_").toLowerCase(Locale.ROOT);
            if (!value.isEmpty()) {
                values.add(value);
            }
        }
        return List.copyOf(values);
    }
}
