package org.moderation.bi.legacy.generator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Categories and hashtags packed into one string each, as the old UI stored them (quirk 3): mixed
 * case, stray whitespace, empty items, duplicates, and codes that moderators keep coining.
 */
final class PackedTags {

    static final String[] BASE_CATEGORIES = {"holocaust_denial", "holocaust_distortion", "conspiracy",
            "dehumanization", "stereotypes", "incitement", "israel_related", "symbols", "blood_libel",
            "dual_loyalty", "glorification", "harassment"};
    private static final String[] HASHTAGS = {"Jews", "NWO", "globalists", "Rothschild", "Soros", "Israel", "Gaza",
            "Zionists", "WakeUp", "Truth", "Hollywood", "Banks", "Media", "History", "Holocaust", "NeverAgain",
            "FreeSpeech", "DoYourResearch"};
    private static final String[] HASHTAG_SEPARATORS = {" ", " ", " ", ",", ", ", "  ", " ,", ",  "};
    /** One new trope code becomes available every 45 days from 2022 on. */
    private static final Instant COINING_START = Instant.parse("2022-01-01T00:00:00Z");
    private static final long DAYS_PER_NEW_CODE = 45;
    private static final int COINED_PER_YEAR = 20_000;

    private PackedTags() {
    }

    static String categories(Instant createdAt, Chance chance) {
        int roll = chance.weighted(5, 2, 93);
        if (roll == 0) {
            return null;
        }
        if (roll == 1) {
            return "";
        }
        List<String> items = new ArrayList<>();
        int count = 1 + chance.weighted(50, 30, 15, 5);
        for (int i = 0; i < count; i++) {
            String code = chance.chance(0.12) ? coinedCategory(createdAt, chance) : chance.pick(BASE_CATEGORIES);
            if (code == null) {
                code = chance.pick(BASE_CATEGORIES);
            }
            items.add(messyCase(code, chance));
        }
        if (chance.chance(0.08)) {
            items.add(otherCase(chance.pick(items)));
        } else if (chance.chance(0.03)) {
            items.add(chance.pick(items));
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(chance.chance(0.06) ? ";;" : ";");
            }
            sb.append(chance.chance(0.12) ? " " : "").append(items.get(i)).append(chance.chance(0.08) ? " " : "");
        }
        if (chance.chance(0.04)) {
            sb.append(';');
        }
        if (chance.chance(0.02)) {
            sb.insert(0, ';');
        }
        return sb.toString();
    }

    /** A freshly coined category code the way a moderator types it today, for the mutator's edits. */
    static String freshCategory(Instant now, Chance chance) {
        String code = coinedCategory(now, chance);
        return messyCase(code == null ? chance.pick(BASE_CATEGORIES) : code, chance);
    }

    static String hashtags(Instant createdAt, Chance chance) {
        int roll = chance.weighted(9, 3, 88);
        if (roll == 0) {
            return null;
        }
        if (roll == 1) {
            return "";
        }
        List<String> tags = new ArrayList<>();
        int count = 1 + chance.weighted(30, 30, 20, 12, 8);
        for (int i = 0; i < count; i++) {
            tags.add(chance.chance(0.1) ? coinedHashtag(createdAt, chance) : chance.pick(HASHTAGS));
        }
        if (chance.chance(0.1)) {
            tags.add(otherCase(chance.pick(tags)));
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tags.size(); i++) {
            if (i > 0) {
                sb.append(chance.pick(HASHTAG_SEPARATORS));
            }
            sb.append(hashtag(tags.get(i), chance));
        }
        return chance.chance(0.04) ? " " + sb + " " : sb.toString();
    }

    /** A freshly coined hashtag the way a moderator types it today, for the mutator's edits. */
    static String freshHashtag(Instant now, Chance chance) {
        return hashtag(coinedHashtag(now, chance), chance);
    }

    static String hashtagSeparator(Chance chance) {
        return chance.pick(HASHTAG_SEPARATORS);
    }

    private static String hashtag(String tag, Chance chance) {
        String cased = switch (chance.weighted(50, 25, 15, 10)) {
            case 0 -> tag;
            case 1 -> tag.toLowerCase(Locale.ROOT);
            case 2 -> tag.toUpperCase(Locale.ROOT);
            default -> Character.toLowerCase(tag.charAt(0)) + tag.substring(1);
        };
        return chance.chance(0.7) ? "#" + cased : cased;
    }

    /** new_trope_1 ... new_trope_n, where n grows with time, plus a few named newcomers. */
    private static String coinedCategory(Instant at, Chance chance) {
        long available = (at.getEpochSecond() - COINING_START.getEpochSecond()) / (DAYS_PER_NEW_CODE * Timeline.DAY);
        if (available < 1) {
            return null;
        }
        if (at.isAfter(Timeline.ANALYSIS_V2_START) && chance.chance(0.2)) {
            return chance.pick("ai_generated", "coded_emoji", "memetic_reframing");
        }
        return "new_trope_" + chance.betweenLong(1, available + 1);
    }

    /**
     * Narratives come and go: a coined hashtag is one of {@value #COINED_PER_YEAR} per prefix and year, drawn
     * log-uniformly (1 about as often as 10 000 others together): tens of thousands of hashtags, a long tail.
     */
    private static String coinedHashtag(Instant at, Chance chance) {
        int year = ZonedDateTime.ofInstant(at, ZoneOffset.UTC).getYear();
        String prefix = chance.pick("Trend", "Topic", "Wave");
        return prefix + year + "_" + (int) StrictMath.pow(COINED_PER_YEAR, chance.unit());
    }

    private static String messyCase(String code, Chance chance) {
        return switch (chance.weighted(72, 12, 10, 6)) {
            case 0 -> code;
            case 1 -> titleCase(code);
            case 2 -> code.toUpperCase(Locale.ROOT);
            default -> Character.toUpperCase(code.charAt(0)) + code.substring(1);
        };
    }

    /** The same code in a different case, the classic 'conspiracy;CONSPIRACY' duplicate. */
    private static String otherCase(String item) {
        String lower = item.toLowerCase(Locale.ROOT);
        return item.equals(lower) ? item.toUpperCase(Locale.ROOT) : lower;
    }

    private static String titleCase(String code) {
        StringBuilder sb = new StringBuilder(code.length());
        boolean upper = true;
        for (char ch : code.toCharArray()) {
            sb.append(upper ? Character.toUpperCase(ch) : ch);
            upper = ch == '_';
        }
        return sb.toString();
    }
}
