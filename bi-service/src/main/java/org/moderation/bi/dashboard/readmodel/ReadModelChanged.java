package org.moderation.bi.dashboard.readmodel;

/** The read model's version moved since the last poll (fired asynchronously by {@link ReadModelFreshness}). */
public record ReadModelChanged(long version) {
}
