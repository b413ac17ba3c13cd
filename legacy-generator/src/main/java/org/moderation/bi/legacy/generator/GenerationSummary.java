package org.moderation.bi.legacy.generator;

/** How many rows {@link LegacyGenerator#generate} wrote to each legacy table. */
public record GenerationSummary(int communities, int users, int posts, int reports) {
}
