package org.moderation.bi.engine;

import java.util.List;

/**
 * The communities a question may read: all of them, or exactly these slugs (possibly none: a community manager
 * without communities sees nothing, never everything). Always applied: the slugs as a bound parameter.
 */
public record Scope(boolean all, List<String> communities) {

    public Scope {
        communities = List.copyOf(communities);
    }

    public static Scope everything() {
        return new Scope(true, List.of());
    }
}
