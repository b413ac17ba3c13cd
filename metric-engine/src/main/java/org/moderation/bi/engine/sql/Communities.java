package org.moderation.bi.engine.sql;

import java.util.List;

/** The communities a statement reads: all of them, or exactly these slugs (possibly none, never all by omission). */
public record Communities(boolean all, List<String> slugs) {

    public Communities {
        slugs = List.copyOf(slugs);
    }
}
