package org.moderation.bi.dashboard.readmodel;

import java.util.List;

/**
 * The read model's version moved since the last poll (fired asynchronously by {@link ReadModelFreshness}).
 *
 * @param communities the slugs of the communities whose facts changed (a null slug: submissions without community);
 *                    null when the service cannot tell (its first poll)
 */
public record ReadModelChanged(long version, List<String> communities) {
}
