package org.moderation.bi.shared.submission;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How the values of a submission's open sets are written: category codes, hashtags, its language and its classifier
 * label. Moderators coin new codes and hashtags all the time, so every value met is kept (normalized, deduplicated, in
 * first-seen order) and nothing is folded into a catch-all. The migrator writes them so, and a metric's filter value
 * must be written so: the validator refuses {@code "Holocaust Denial"} and names {@code holocaust_denial}, so that a
 * stored definition says exactly what it counts.
 */
public final class OpenValues {

    private static final Pattern CATEGORY_SEPARATOR = Pattern.compile(";");
    private static final Pattern HASHTAG_SEPARATOR = Pattern.compile("[\\s,#]+");
    private static final Pattern INNER_WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern LEADING_HASHES = Pattern.compile("^[\\s#]+");

    private OpenValues() {
    }

    /** {@code ' Holocaust_Denial;conspiracy;;CONSPIRACY'} → {@code [holocaust_denial, conspiracy]}. */
    public static List<String> categoryCodes(String packed) {
        return unpack(packed, CATEGORY_SEPARATOR);
    }

    /** {@code '#Jews #NWO,globalists'} → {@code [jews, nwo, globalists]}: lower-case, no '#'. */
    public static List<String> hashtags(String packed) {
        return unpack(packed, HASHTAG_SEPARATOR);
    }

    /** One category code as the migrator keeps it; null when nothing is left. */
    public static String categoryCode(String value) {
        return item(value);
    }

    /** One hashtag as the migrator keeps it ({@code #NWO} → {@code nwo}); null when nothing is left. */
    public static String hashtag(String value) {
        return value == null ? null : item(LEADING_HASHES.matcher(value).replaceFirst(""));
    }

    /**
     * A language (the legacy {@code extra.language}) as kept: trimmed, lower-case, a tag's parts joined by '-'
     * ({@code pt_BR} → {@code pt-br}); null when nothing is left.
     */
    public static String language(String value) {
        String kept = lowerCase(value);
        return kept == null ? null : kept.replace('_', '-');
    }

    /** A classifier label as kept: trimmed, lower-case; null when nothing is left. */
    public static String classifierLabel(String value) {
        return lowerCase(value);
    }

    private static String lowerCase(String value) {
        if (value == null) {
            return null;
        }
        String kept = value.strip().toLowerCase(Locale.ROOT);
        return kept.isEmpty() ? null : kept;
    }

    private static List<String> unpack(String packed, Pattern separator) {
        if (packed == null) {
            return List.of();
        }
        var values = new LinkedHashSet<String>();
        for (String part : separator.split(Normalizer.normalize(packed, Normalizer.Form.NFKC))) {
            String value = item(part);
            if (value != null) {
                values.add(value);
            }
        }
        return List.copyOf(values);
    }

    private static String item(String value) {
        if (value == null) {
            return null;
        }
        String kept = INNER_WHITESPACE.matcher(Normalizer.normalize(value, Normalizer.Form.NFKC).strip())
                .replaceAll("_").toLowerCase(Locale.ROOT);
        return kept.isEmpty() ? null : kept;
    }
}
