package org.moderation.bi.shared.metrics;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The values of an open set (categories, hashtags, languages, classifier labels: they come with the data, from no
 * list) that the read model has seen so far. A filter for a value no submission has had yet is accepted, because a
 * moderator may prepare a metric for a new code, but never silently: it comes back as a warning naming the closest
 * values seen (a typo, {@code antisemitsm}, would otherwise count nothing for ever).
 */
@FunctionalInterface
public interface SeenValues {

    /**
     * Of {@code values} (each as the read model keeps it), the ones never seen in {@code column}, each with the seen
     * values closest to it, best first (none when nothing seen is close). Asked once per column and check.
     *
     * @throws UnavailableException when the read model cannot say now
     */
    Map<String, List<String>> unseen(Column column, Collection<String> values);

    /** Takes every value as seen: no warnings. */
    SeenValues ANY = (column, values) -> Map.of();

    /** The read model did not answer: the values could not be looked at, which a warning says instead. */
    final class UnavailableException extends RuntimeException {

        public UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
