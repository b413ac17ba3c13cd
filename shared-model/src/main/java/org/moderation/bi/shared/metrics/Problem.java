package org.moderation.bi.shared.metrics;

/** One thing wrong with a definition or a query, at a JSON path such as {@code $.numerator.filters[1].op}. */
public record Problem(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
