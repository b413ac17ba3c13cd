package org.moderation.bi.dashboard.scope;

import java.util.List;

/** The caller asked for communities outside their scope: refused, never silently narrowed or widened. */
public class OutOfScope extends RuntimeException {

    private final List<String> communities;

    public OutOfScope(List<String> communities) {
        super("not in your scope: " + String.join(", ", communities));
        this.communities = List.copyOf(communities);
    }

    public List<String> communities() {
        return communities;
    }
}
