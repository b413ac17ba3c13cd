package org.moderation.bi.shared.api;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The known value a caller most likely meant by one that is not known: for "did you mean …?" in a refusal. */
public final class DidYouMean {

    private DidYouMean() {
    }

    /**
     * The same once case and separators are set aside ({@code Berlin_Online_Watch}, {@code Telegram}), else the only
     * one at most two edits away.
     */
    public static Optional<String> closest(String value, Collection<String> known) {
        String plain = plain(value);
        Optional<String> same = known.stream().filter(k -> plain(k).equals(plain)).sorted().findFirst();
        if (same.isPresent()) {
            return same;
        }
        List<String> near = known.stream().filter(k -> Math.abs(k.length() - value.length()) <= 2)
                .filter(k -> edits(plain(k), plain) <= 2).toList();
        return near.size() == 1 ? Optional.of(near.getFirst()) : Optional.empty();
    }

    /** Whether two texts are the same words once case, spaces and punctuation are set aside ("Removal rate", "removal-Rate"). */
    public static boolean sameWords(String a, String b) {
        return plain(a).equals(plain(b));
    }

    private static String plain(String value) {
        return value.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "");
    }

    /** Levenshtein distance. */
    private static int edits(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
