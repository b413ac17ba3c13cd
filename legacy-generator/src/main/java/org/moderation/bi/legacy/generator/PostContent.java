package org.moderation.bi.legacy.generator;

import java.util.Locale;

/**
 * Descriptions of the flagged content and the handles that posted it; the text deliberately carries
 * quotes, commas, line breaks and non-ASCII characters so every loader has to handle them.
 */
final class PostContent {

    private static final String[] OPENINGS = {"Meme repeating the", "Video comment pushing the", "Caption spreads the",
            "Reply thread about the", "Beitrag verbreitet das", "Post en français reprenant le", "Cartoon using the",
            "Voice message retelling the"};
    private static final String[] TROPES = {"\"world control\" myth", "banking conspiracy", "media-control narrative",
            "dual loyalty accusation", "blood libel", "Holocaust denial", "Rothschild trope", "„Weltverschwörung“ narrative"};
    private static final String[] CLOSINGS = {"shared %d times.", "with %d comments, many agreeing.",
            "posted in a group with %d members.", "%d likes within a day.", "reposted by %d accounts 🔥."};
    private static final String[] NOTES = {"Screenshot in the shared drive.", "Same account as last week, see older report.",
            "Text in image, OCR attached.", "Hebrew caption: \"שקר\", translation in notes.", "Geo-blocked in DE only?"};
    private static final String[] HANDLE_WORDS = {"truth", "awake", "patriot", "news", "free", "real", "history",
            "eagle", "voice", "daily", "anon", "red_pill", "seeker", "wolf"};

    private PostContent() {
    }

    static String text(Chance chance) {
        if (chance.chance(0.04)) {
            return null;
        }
        if (chance.chance(0.01)) {
            return "";
        }
        StringBuilder sb = new StringBuilder(120);
        sb.append(chance.pick(OPENINGS)).append(' ').append(chance.pick(TROPES)).append(", ")
                .append(String.format(Locale.ROOT, chance.pick(CLOSINGS), chance.between(3, 48_000)));
        if (chance.chance(0.3)) {
            sb.append(chance.chance(0.5) ? "\n" : " ").append(chance.pick(NOTES));
        }
        return sb.toString();
    }

    static String authorHandle(Chance chance) {
        if (chance.chance(0.03)) {
            return null;
        }
        String word = chance.pick(HANDLE_WORDS);
        String second = chance.chance(0.5) ? "_" + chance.pick(HANDLE_WORDS) : "";
        String digits = chance.chance(0.6) ? Integer.toString(chance.between(1, 9_999)) : "";
        return "@" + word + second + digits;
    }
}
