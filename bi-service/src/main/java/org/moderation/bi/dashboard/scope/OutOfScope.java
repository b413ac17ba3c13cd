package org.moderation.bi.dashboard.scope;

import java.util.List;

/**
 * The caller asked for communities outside their scope: refused, never silently narrowed or widened. Says which
 * communities they may see (their own token's), never whether the refused ones exist.
 */
public class OutOfScope extends RuntimeException {

    private final List<String> communities;
    private final List<String> allowed;

    /**
     * @param communities the refused slugs
     * @param allowed     the slugs the caller may see
     */
    public OutOfScope(List<String> communities, List<String> allowed) {
        super("not in your scope: " + String.join(", ", communities));
        this.communities = List.copyOf(communities);
        this.allowed = List.copyOf(allowed);
    }

    public List<String> communities() {
        return communities;
    }

    /** For the caller: what they may use instead, and that the refused slugs are not among it. */
    public String explanation() {
        String refused = String.join(", ", communities);
        if (allowed.isEmpty()) {
            return "your token names no community, so you may see none (not " + refused + "); ask an administrator "
                    + "to give you yours";
        }
        return "you may see only " + String.join(", ", allowed) + "; " + refused
                + (communities.size() == 1 ? " is" : " are") + " not among them (slugs are matched exactly)";
    }
}
