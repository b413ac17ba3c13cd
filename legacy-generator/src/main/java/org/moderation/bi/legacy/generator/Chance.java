package org.moderation.bi.legacy.generator;

import java.util.List;
import java.util.SplittableRandom;

/** The single seeded source of every random decision, so a seed reproduces the data exactly. */
final class Chance {

    private static final char[] CODE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final char[] LOWER_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final SplittableRandom random;

    Chance(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** True with probability {@code p} (0..1). */
    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    double unit() {
        return random.nextDouble();
    }

    /** Uniform in [lo, hi] (both inclusive). */
    int between(int lo, int hi) {
        return random.nextInt(lo, hi + 1);
    }

    /** Uniform in [lo, hi) (hi exclusive). */
    long betweenLong(long lo, long hi) {
        return hi <= lo ? lo : random.nextLong(lo, hi);
    }

    /** Exponentially distributed with the given mean; StrictMath keeps it identical on every JVM. */
    long exponential(double mean) {
        return (long) (-StrictMath.log(1.0 - random.nextDouble()) * mean);
    }

    @SafeVarargs
    final <T> T pick(T... items) {
        return items[random.nextInt(items.length)];
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** Index chosen with the given relative weights. */
    int weighted(int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int roll = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** Mixed-case alphanumeric code, like platform short links use. */
    String code(int length) {
        return chars(CODE_CHARS, length);
    }

    String lowerCode(int length) {
        return chars(LOWER_CHARS, length);
    }

    String digits(int length) {
        StringBuilder sb = new StringBuilder(length);
        sb.append((char) ('1' + random.nextInt(9)));
        for (int i = 1; i < length; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    private String chars(char[] alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(out);
    }
}
