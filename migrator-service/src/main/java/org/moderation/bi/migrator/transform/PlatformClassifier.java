package org.moderation.bi.migrator.transform;

import org.moderation.bi.shared.platform.PlatformDetail;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one place where the URL → platform rule lives (used by the load path and by the platform-detail repair).
 * The URL host decides first; the legacy free-text column only when the URL says nothing; 'Meta' alone can only
 * say "meta, detail unknown".
 */
public final class PlatformClassifier {

    /** Registrable domains per platform; any subdomain (www., m., mobile., vm., web., …) matches too. */
    private static final Map<String, PlatformDetail> DOMAINS = Map.ofEntries(
            Map.entry("facebook.com", PlatformDetail.FACEBOOK),
            Map.entry("fb.com", PlatformDetail.FACEBOOK),
            Map.entry("fb.watch", PlatformDetail.FACEBOOK),
            Map.entry("fb.me", PlatformDetail.FACEBOOK),
            Map.entry("instagram.com", PlatformDetail.INSTAGRAM),
            Map.entry("instagr.am", PlatformDetail.INSTAGRAM),
            Map.entry("ig.me", PlatformDetail.INSTAGRAM),
            Map.entry("threads.net", PlatformDetail.THREADS),
            Map.entry("threads.com", PlatformDetail.THREADS),
            Map.entry("whatsapp.com", PlatformDetail.WHATSAPP),
            Map.entry("whatsapp.net", PlatformDetail.WHATSAPP),
            Map.entry("wa.me", PlatformDetail.WHATSAPP),
            Map.entry("twitter.com", PlatformDetail.X),
            Map.entry("x.com", PlatformDetail.X),
            Map.entry("t.co", PlatformDetail.X),
            Map.entry("tiktok.com", PlatformDetail.TIKTOK),
            Map.entry("youtube.com", PlatformDetail.YOUTUBE),
            Map.entry("youtu.be", PlatformDetail.YOUTUBE),
            Map.entry("youtube-nocookie.com", PlatformDetail.YOUTUBE),
            Map.entry("t.me", PlatformDetail.TELEGRAM),
            Map.entry("telegram.me", PlatformDetail.TELEGRAM),
            Map.entry("telegram.org", PlatformDetail.TELEGRAM),
            Map.entry("telegram.dog", PlatformDetail.TELEGRAM),
            Map.entry("reddit.com", PlatformDetail.REDDIT),
            Map.entry("redd.it", PlatformDetail.REDDIT));

    /** Legacy platform text, folded to lower-case letters and digits only. */
    private static final Map<String, PlatformDetail> LEGACY_TEXT = Map.ofEntries(
            Map.entry("facebook", PlatformDetail.FACEBOOK),
            Map.entry("fb", PlatformDetail.FACEBOOK),
            Map.entry("instagram", PlatformDetail.INSTAGRAM),
            Map.entry("ig", PlatformDetail.INSTAGRAM),
            Map.entry("insta", PlatformDetail.INSTAGRAM),
            Map.entry("threads", PlatformDetail.THREADS),
            Map.entry("whatsapp", PlatformDetail.WHATSAPP),
            Map.entry("wa", PlatformDetail.WHATSAPP),
            Map.entry("twitter", PlatformDetail.X),
            Map.entry("x", PlatformDetail.X),
            Map.entry("xcom", PlatformDetail.X),
            Map.entry("twitterx", PlatformDetail.X),
            Map.entry("xtwitter", PlatformDetail.X),
            Map.entry("tiktok", PlatformDetail.TIKTOK),
            Map.entry("youtube", PlatformDetail.YOUTUBE),
            Map.entry("yt", PlatformDetail.YOUTUBE),
            Map.entry("telegram", PlatformDetail.TELEGRAM),
            Map.entry("tg", PlatformDetail.TELEGRAM),
            Map.entry("reddit", PlatformDetail.REDDIT),
            Map.entry("other", PlatformDetail.OTHER));

    /** Text that is present but carries no information. */
    private static final Set<String> NO_INFORMATION = Set.of("", "unknown", "na", "none", "null");

    private static final String META_TEXT = "meta";

    private PlatformClassifier() {
    }

    public static Platform classify(String url, String legacyPlatformText) {
        Optional<String> host = UrlHost.of(url);
        if (host.isPresent()) {
            return Platform.of(fromHost(host.get()), PlatformSource.URL_HOST, host.get());
        }
        String text = fold(legacyPlatformText);
        if (NO_INFORMATION.contains(text)) {
            return Platform.of(PlatformDetail.UNKNOWN, PlatformSource.NONE, null);
        }
        if (text.equals(META_TEXT)) {
            return Platform.metaWithUnknownDetail(null);
        }
        // Named but not one of ours (e.g. 'Gab'): still a platform we do not track separately.
        return Platform.of(LEGACY_TEXT.getOrDefault(text, PlatformDetail.OTHER), PlatformSource.LEGACY_TEXT, null);
    }

    /** What the URL alone says, if anything: used to check that a stored platform never contradicts its URL. */
    public static Optional<PlatformDetail> fromUrl(String url) {
        return UrlHost.of(url).map(PlatformClassifier::fromHost);
    }

    static PlatformDetail fromHost(String host) {
        String candidate = host;
        while (true) {
            PlatformDetail detail = DOMAINS.get(candidate);
            if (detail != null) {
                return detail;
            }
            int dot = candidate.indexOf('.');
            if (dot < 0 || candidate.indexOf('.', dot + 1) < 0) {
                return PlatformDetail.OTHER;
            }
            candidate = candidate.substring(dot + 1);
        }
    }

    private static String fold(String text) {
        if (text == null) {
            return "";
        }
        String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder folded = new StringBuilder(normalized.length());
        normalized.codePoints().filter(Character::isLetterOrDigit).forEach(folded::appendCodePoint);
        return folded.toString();
    }
}
