package org.moderation.bi.legacy.generator;

import java.time.Instant;

/** The analysis column in its two JSON shapes (quirk 4), and the catch-all extra column. */
final class PostAnalysis {

    private static final String[] LANGUAGES = {"de", "en", "en", "fr", "es", "it", "pl", "nl", "he", "ru"};
    private static final String[] GEOS = {"DE", "AT", "CH", "FR", "GB", "US", "IL", "PL", "NL", "ES"};

    private PostAnalysis() {
    }

    static String analysis(Instant createdAt, Chance chance) {
        int roll = chance.weighted(12, 4, 84);
        if (roll == 0) {
            return null;
        }
        if (roll == 1) {
            return "{}";
        }
        // around the switch both shapes coexist: old workers kept running for a while
        double v2Share = createdAt.isBefore(Timeline.ANALYSIS_V2_START.minusSeconds(90 * Timeline.DAY)) ? 0.0
                : createdAt.isBefore(Timeline.ANALYSIS_V2_START) ? 0.3
                : createdAt.isBefore(Timeline.ANALYSIS_V2_START.plusSeconds(90 * Timeline.DAY)) ? 0.7 : 0.95;
        return chance.chance(v2Share) ? v2(chance) : v1(chance);
    }

    private static String v1(Chance chance) {
        int score = chance.between(5, 99);
        String label = score >= 70 ? "antisemitic" : score >= 40 ? "uncertain" : "not_antisemitic";
        return "{\"score\": " + hundredths(score) + ", \"label\": \"" + label + "\"}";
    }

    private static String v2(Chance chance) {
        int antisemitism = chance.between(5, 100);
        int violence = chance.between(0, 80);
        StringBuilder labels = new StringBuilder();
        if (antisemitism >= 50) {
            labels.append("\"antisemitism\"");
        }
        if (violence >= 50) {
            labels.append(labels.isEmpty() ? "" : ", ").append("\"violence\"");
        }
        String model = chance.pick("clf-v2", "clf-v2", "clf-v2.1");
        String harassment = chance.chance(0.3) ? ", \"harassment\": " + hundredths(chance.between(0, 99)) : "";
        return "{\"model\": \"" + model + "\", \"scores\": {\"antisemitism\": " + hundredths(antisemitism)
                + ", \"violence\": " + hundredths(violence) + harassment + "}, \"labels\": [" + labels + "]}";
    }

    static String extra(long postId, Instant createdAt, Chance chance) {
        int roll = chance.weighted(33, 3, 64);
        if (roll == 0) {
            return null;
        }
        if (roll == 1) {
            return "{}";
        }
        StringBuilder sb = new StringBuilder("{\"language\": \"").append(chance.pick(LANGUAGES)).append('"');
        if (chance.chance(0.6)) {
            String month = createdAt.toString().substring(0, 7).replace('-', '/');
            sb.append(", \"screenshots\": [");
            int shots = chance.between(1, 3);
            for (int i = 0; i < shots; i++) {
                sb.append(i > 0 ? ", " : "").append("\"screens/").append(month).append('/').append(postId)
                        .append('-').append(i + 1).append(".png\"");
            }
            sb.append(']');
        }
        if (chance.chance(0.7)) {
            sb.append(", \"geo\": \"").append(chance.pick(GEOS)).append('"');
        }
        if (chance.chance(0.1)) {
            sb.append(", \"source\": \"").append(chance.pick("browser_extension", "mobile_app", "email_import"))
                    .append('"');
        }
        return sb.append('}').toString();
    }

    /** 93 -> "0.93", 100 -> "1.0": integer arithmetic keeps the text identical on every JVM. */
    private static String hundredths(int value) {
        if (value >= 100) {
            return "1.0";
        }
        return value < 10 ? "0.0" + value : "0." + value;
    }
}
