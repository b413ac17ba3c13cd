package org.moderation.bi.legacy.generator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * What to generate: the seed, the number of posts and the instant the timeline ends at.
 * The same seed and {@code now} always give byte-identical data.
 */
public record GeneratorOptions(long seed, int posts, Instant now) {

    public static final long DEFAULT_SEED = 42L;
    public static final int DEFAULT_POSTS = 13_914;

    /** The timeline must reach past the March 2024 switch to the report flow, or quirk 1 cannot exist. */
    static final Instant EARLIEST_NOW = Instant.parse("2024-06-01T00:00:00Z");

    public GeneratorOptions {
        Objects.requireNonNull(now, "now");
        if (posts < 1) {
            throw new IllegalArgumentException("posts must be at least 1, was " + posts);
        }
        if (now.isBefore(EARLIEST_NOW)) {
            throw new IllegalArgumentException("now must be on or after " + EARLIEST_NOW + ", was " + now);
        }
    }

    /** Seed 42, 13,914 posts, timeline ending today at 00:00 UTC. */
    public static GeneratorOptions defaults() {
        return new GeneratorOptions(DEFAULT_SEED, DEFAULT_POSTS, startOfTodayUtc());
    }

    public GeneratorOptions withSeed(long newSeed) {
        return new GeneratorOptions(newSeed, posts, now);
    }

    public GeneratorOptions withPosts(int newPosts) {
        return new GeneratorOptions(seed, newPosts, now);
    }

    public GeneratorOptions withNow(Instant newNow) {
        return new GeneratorOptions(seed, posts, newNow);
    }

    static Instant startOfTodayUtc() {
        return LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
