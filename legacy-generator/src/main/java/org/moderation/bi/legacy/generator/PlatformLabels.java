package org.moderation.bi.legacy.generator;

/**
 * The free-text platform column (quirk 2): often right, often just 'Meta', sometimes empty even
 * beside a perfectly clear URL, sometimes contradicting it; for link-less rows it is the only hint.
 */
final class PlatformLabels {

    private static final String[] ALL = {"Meta", "meta", "Facebook", "FB", "IG", "Instagram", "Twitter", "X", "tiktok",
            "YouTube", "Telegram", "Reddit", "Threads", "WhatsApp", "other"};

    private PlatformLabels() {
    }

    /** Label typed beside a usable URL. */
    static String besideUrl(Platform platform, Chance chance) {
        int roll = chance.weighted(8, 5, 6, platform.meta() ? 35 : 0, 50);
        return switch (roll) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> contradicting(platform, chance);
            case 3 -> chance.pick("Meta", "Meta", "meta");
            default -> matching(platform, chance);
        };
    }

    /** Label typed when the URL is garbage, NULL or empty: sometimes the only signal, sometimes nothing. */
    static String withoutUrl(Platform platform, Chance chance) {
        int roll = chance.weighted(25, 15, platform.meta() ? 35 : 0, 40, 5);
        return switch (roll) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> chance.pick("Meta", "Meta", "meta");
            case 3 -> matching(platform, chance);
            default -> "other";
        };
    }

    private static String matching(Platform platform, Chance chance) {
        return switch (platform) {
            case FACEBOOK -> chance.pick("Facebook", "Facebook", "FB");
            case INSTAGRAM -> chance.pick("Instagram", "IG");
            case THREADS -> "Threads";
            case WHATSAPP -> "WhatsApp";
            case X -> chance.pick("Twitter", "Twitter", "X");
            case TIKTOK -> "tiktok";
            case YOUTUBE -> "YouTube";
            case TELEGRAM -> "Telegram";
            case REDDIT -> "Reddit";
            case OTHER_SITES -> "other";
        };
    }

    /** A wrong label; the classic one is 'Facebook' on an Instagram link. */
    private static String contradicting(Platform platform, Chance chance) {
        return switch (platform) {
            case INSTAGRAM -> chance.pick("Facebook", "Facebook", "FB", "tiktok");
            case FACEBOOK -> chance.pick("Instagram", "IG", "WhatsApp");
            case THREADS -> chance.pick("Instagram", "Twitter");
            case X -> chance.pick("Threads", "YouTube", "Facebook");
            default -> {
                String own = matching(platform, chance); // a single label for the remaining platforms
                String wrong;
                do {
                    wrong = chance.pick(ALL);
                } while (wrong.equals(own) || wrong.equals("other")
                        || platform.meta() && wrong.equalsIgnoreCase("meta"));
                yield wrong;
            }
        };
    }
}
