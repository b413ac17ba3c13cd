package org.moderation.bi.legacy.generator;

import java.util.Locale;

/**
 * The url column as moderators pasted it (quirk 2): every host variant a platform has, with or
 * without scheme, tracking parameters, odd casing and ports, or something that is no URL at all.
 */
final class PostUrls {

    /** What moderators typed when they had no link at hand. */
    static final String[] GARBAGE = {"see screenshot", "N/A", "javascript:void(0)", "http://", "n/a",
            "screenshot attached", "link removed by user", "unknown", "-", "https://", "siehe Screenshot", "TODO"};

    private static final String[] USERS = {"truth.seeker", "wakeup_now", "realnews24", "patriot_voice", "history.buff",
            "anon4711", "freethinker", "daily_memes", "questions_all", "mia_k", "the_real_jan", "nachdenker"};
    private static final String[] SUBREDDITS = {"conspiracy", "worldnews", "europe", "de", "AskHistorians", "memes"};
    private static final String[] CHANNELS = {"wahrheit_kanal", "freenewsnow", "redpill_daily", "awake_europe"};
    private static final String[] SLUGS = {"the-hidden-truth", "who-really-controls", "they-dont-want-you-to-know",
            "banking-secrets", "history-rewritten", "open-your-eyes"};
    private static final String[] OTHER_SITES = {"gab.com", "www.bitchute.com", "rumble.com", "vk.com", "odysee.com",
            "boards.4chan.org", "forum.truthseekers-board.net", "www.weltnachrichten-online.de"};

    private PostUrls() {
    }

    /** A pasted link to content on {@code platform}, decorated like real users paste links. */
    static String link(Platform platform, Chance chance) {
        String[] hostAndPath = hostAndPath(platform, chance);
        String host = hostAndPath[0];
        String path = withTracking(platform, hostAndPath[1], chance);
        return scheme(chance) + hostVariant(host, chance) + path + (chance.chance(0.01) ? " " : "");
    }

    static String garbage(Chance chance) {
        return chance.pick(GARBAGE);
    }

    private static String[] hostAndPath(Platform platform, Chance chance) {
        String user = chance.pick(USERS);
        return switch (platform) {
            case FACEBOOK -> switch (chance.weighted(30, 12, 10, 10, 8, 8, 12, 10)) {
                case 0 -> pair(fbHost(chance), "/" + user + "/posts/" + chance.digits(16));
                case 1 -> pair(fbHost(chance), "/permalink.php?story_fbid=" + chance.digits(15) + "&id=" + chance.digits(12));
                case 2 -> pair(fbHost(chance), "/watch/?v=" + chance.digits(15));
                case 3 -> pair(fbHost(chance), "/groups/" + chance.digits(14) + "/posts/" + chance.digits(16) + "/");
                case 4 -> pair(fbHost(chance), "/photo/?fbid=" + chance.digits(15));
                case 5 -> pair(fbHost(chance), "/share/p/" + chance.code(16) + "/");
                case 6 -> pair("fb.watch", "/" + chance.code(10) + "/");
                default -> pair("m.facebook.com", "/story.php?story_fbid=" + chance.digits(15) + "&id=" + chance.digits(12));
            };
            case INSTAGRAM -> switch (chance.weighted(50, 25, 8, 5, 12)) {
                case 0 -> pair(chance.pick("instagram.com", "www.instagram.com"), "/p/" + chance.code(11) + "/");
                case 1 -> pair(chance.pick("instagram.com", "www.instagram.com"), "/reel/" + chance.code(11) + "/");
                case 2 -> pair("www.instagram.com", "/stories/" + user + "/" + chance.digits(19) + "/");
                case 3 -> pair("instagram.com", "/" + user + "/");
                default -> pair("instagr.am", "/p/" + chance.code(11) + "/");
            };
            case THREADS -> pair(chance.pick("threads.net", "www.threads.net", "www.threads.net", "threads.com"),
                    "/@" + user + "/post/" + chance.code(11));
            case WHATSAPP -> switch (chance.weighted(40, 35, 25)) {
                case 0 -> pair("wa.me", "/" + chance.digits(12));
                case 1 -> pair("chat.whatsapp.com", "/" + chance.code(22));
                default -> pair(chance.pick("whatsapp.com", "www.whatsapp.com"), "/channel/" + chance.code(24));
            };
            case X -> switch (chance.weighted(40, 30, 10, 8, 12)) {
                case 0 -> pair("twitter.com", "/" + user + "/status/" + chance.digits(19));
                case 1 -> pair("x.com", "/" + user + "/status/" + chance.digits(19));
                case 2 -> pair("mobile.twitter.com", "/" + user + "/status/" + chance.digits(19));
                case 3 -> pair("www.twitter.com", "/" + user + "/status/" + chance.digits(19));
                default -> pair("t.co", "/" + chance.code(10));
            };
            case TIKTOK -> switch (chance.weighted(70, 20, 10)) {
                case 0 -> pair(chance.pick("www.tiktok.com", "tiktok.com"), "/@" + user + "/video/" + chance.digits(19));
                case 1 -> pair("vm.tiktok.com", "/" + chance.code(9) + "/");
                default -> pair("m.tiktok.com", "/v/" + chance.digits(19) + ".html");
            };
            case YOUTUBE -> switch (chance.weighted(40, 15, 15, 12, 18)) {
                case 0 -> pair(chance.pick("www.youtube.com", "youtube.com"), "/watch?v=" + chance.code(11));
                case 1 -> pair("m.youtube.com", "/watch?v=" + chance.code(11));
                case 2 -> pair("www.youtube.com", "/shorts/" + chance.code(11));
                case 3 -> pair("youtube.com", "/@" + user + "/community");
                default -> pair("youtu.be", "/" + chance.code(11));
            };
            case TELEGRAM -> switch (chance.weighted(70, 15, 15)) {
                case 0 -> pair("t.me", "/" + chance.pick(CHANNELS) + "/" + chance.between(1, 99_999));
                case 1 -> pair("telegram.me", "/" + chance.pick(CHANNELS) + "/" + chance.between(1, 99_999));
                default -> pair("t.me", "/s/" + chance.pick(CHANNELS));
            };
            case REDDIT -> switch (chance.weighted(45, 20, 15, 20)) {
                case 0 -> pair("www.reddit.com", redditPath(chance));
                case 1 -> pair("reddit.com", redditPath(chance));
                case 2 -> pair("old.reddit.com", redditPath(chance));
                default -> pair("redd.it", "/" + chance.lowerCode(6));
            };
            case OTHER_SITES -> pair(chance.pick(OTHER_SITES), "/" + chance.pick("post", "video", "thread", "artikel")
                    + "/" + chance.digits(7) + "-" + chance.pick(SLUGS));
        };
    }

    private static String fbHost(Chance chance) {
        return chance.pick("www.facebook.com", "www.facebook.com", "facebook.com", "m.facebook.com",
                "web.facebook.com");
    }

    private static String redditPath(Chance chance) {
        return "/r/" + chance.pick(SUBREDDITS) + "/comments/" + chance.lowerCode(6) + "/" + chance.pick(SLUGS) + "/";
    }

    private static String[] pair(String host, String path) {
        return new String[] {host, path};
    }

    private static String scheme(Chance chance) {
        return switch (chance.weighted(60, 8, 26, 5, 1)) {
            case 0 -> "https://";
            case 1 -> "http://";
            case 2 -> "";
            case 3 -> "//";
            default -> "HTTPS://";
        };
    }

    private static String hostVariant(String host, Chance chance) {
        String h = host;
        int casing = chance.weighted(95, 3, 2);
        if (casing == 1) {
            h = h.toUpperCase(Locale.ROOT);
        } else if (casing == 2) {
            h = Character.toUpperCase(h.charAt(0)) + h.substring(1);
        }
        if (chance.chance(0.015)) {
            h = h + chance.pick(":443", ":443", ":80", ":8080");
        }
        return h;
    }

    private static String withTracking(Platform platform, String path, Chance chance) {
        if (!chance.chance(0.22)) {
            return path;
        }
        String param = switch (platform) {
            case FACEBOOK -> chance.chance(0.7) ? "fbclid=IwAR" + chance.code(24) : "mibextid=" + chance.code(6);
            case INSTAGRAM -> chance.chance(0.7) ? "igshid=" + chance.code(12) : "utm_source=ig_web_copy_link";
            case THREADS -> "xmt=" + chance.code(20);
            case YOUTUBE -> chance.chance(0.7) ? "si=" + chance.code(16) : "feature=shared";
            case X -> "s=" + chance.pick("20", "19", "46") + "&t=" + chance.code(22);
            case TIKTOK -> "is_from_webapp=1&sender_device=pc";
            default -> null;
        };
        if (param == null || chance.chance(0.3)) {
            param = "utm_source=" + chance.pick("whatsapp", "telegram", "newsletter", "share") + "&utm_medium="
                    + chance.pick("social", "messenger", "email") + "&utm_campaign=" + chance.lowerCode(6);
        }
        return path + (path.contains("?") ? "&" : "?") + param;
    }
}
