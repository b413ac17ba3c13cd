package org.moderation.bi.migrator.transform;

import org.moderation.bi.shared.platform.PlatformDetail;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PlatformClassifierTest {

    @ParameterizedTest(name = "url={0} text={1} → {2}/{3} from {4}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            // The URL decides whatever the text says (quirk 2).
            "https://instagram.com/p/xyz             | Meta      | meta     | instagram | url_host",
            "instagram.com/p/xyz                     | Facebook  | meta     | instagram | url_host",
            "https://www.facebook.com/post/1         | meta      | meta     | facebook  | url_host",
            "https://m.facebook.com/story.php?id=1   | NULL      | meta     | facebook  | url_host",
            "fb.watch/abc                            | ''        | meta     | facebook  | url_host",
            "https://instagr.am/p/1                  | IG        | meta     | instagram | url_host",
            "https://www.threads.net/@a/post/1       | Meta      | meta     | threads   | url_host",
            "https://wa.me/123                       | Meta      | meta     | whatsapp  | url_host",
            "https://chat.whatsapp.com/abc           | NULL      | meta     | whatsapp  | url_host",
            "https://mobile.twitter.com/a/status/1   | Twitter   | x        | x         | url_host",
            "https://x.com/a/status/1?s=20           | NULL      | x        | x         | url_host",
            "https://t.co/abc                        | NULL      | x        | x         | url_host",
            "https://vm.tiktok.com/ZM1/              | NULL      | tiktok   | tiktok    | url_host",
            "https://www.tiktok.com/@a/video/1       | Meta      | tiktok   | tiktok    | url_host",
            "https://m.youtube.com/watch?v=1         | NULL      | youtube  | youtube   | url_host",
            "youtu.be/abc?si=x                       | YouTube   | youtube  | youtube   | url_host",
            "https://t.me/channel/1                  | ''        | telegram | telegram  | url_host",
            "https://redd.it/abc                     | NULL      | reddit   | reddit    | url_host",
            "https://old.reddit.com/r/a              | Reddit    | reddit   | reddit    | url_host",
            "HTTPS://WWW.INSTAGRAM.COM/p/1?igshid=2  | NULL      | meta     | instagram | url_host",
            // A real link to a site that is none of ours is 'other', even if the text names a platform.
            "https://someforum.example.org/thread/1  | Facebook  | other    | other     | url_host",
            // The text counts only when the URL says nothing.
            "see screenshot                          | Twitter   | x        | x         | legacy_text",
            "NULL                                    | IG        | meta     | instagram | legacy_text",
            "''                                      | FB        | meta     | facebook  | legacy_text",
            "N/A                                     | tiktok    | tiktok   | tiktok    | legacy_text",
            "NULL                                    | X         | x        | x         | legacy_text",
            "NULL                                    | Telegram  | telegram | telegram  | legacy_text",
            "NULL                                    | other     | other    | other     | legacy_text",
            "NULL                                    | Gab       | other    | other     | legacy_text",
            // 'Meta' alone says "meta, detail unknown".
            "NULL                                    | Meta      | meta     | unknown   | legacy_text",
            "javascript:void(0)                      | ' meta '  | meta     | unknown   | legacy_text",
            // Nothing at all.
            "NULL                                    | NULL      | unknown  | unknown   | none",
            "garbage                                 | ''        | unknown  | unknown   | none",
            "NULL                                    | n/a       | unknown  | unknown   | none",
    })
    void classifies(String url, String text, String group, String detail, String source) {
        Platform platform = PlatformClassifier.classify(url, text);

        assertThat(platform.group()).isEqualTo(group);
        assertThat(platform.detail().code()).isEqualTo(detail);
        assertThat(platform.source().code()).isEqualTo(source);
    }

    @Test
    void keepsTheHostItDecidedOn() {
        assertThat(PlatformClassifier.classify("HTTPS://M.FACEBOOK.COM/x", null).urlHost()).isEqualTo("m.facebook.com");
        assertThat(PlatformClassifier.classify(null, "Twitter").urlHost()).isNull();
    }

    @Test
    void doesNotMatchLookAlikeDomains() {
        assertThat(PlatformClassifier.classify("https://notfacebook.com/x", null).detail()).isEqualTo(PlatformDetail.OTHER);
        assertThat(PlatformClassifier.classify("https://at.me/x", null).detail()).isEqualTo(PlatformDetail.OTHER);
        assertThat(PlatformClassifier.classify("https://facebook.com.evil.net/x", null).detail())
                .isEqualTo(PlatformDetail.OTHER);
    }

    @ParameterizedTest
    @EnumSource(PlatformDetail.class)
    void groupsMetaAppsAndKeepsTheRest(PlatformDetail detail) {
        boolean meta = switch (detail) {
            case FACEBOOK, INSTAGRAM, THREADS, WHATSAPP -> true;
            default -> false;
        };
        assertThat(detail.group()).isEqualTo(meta ? "meta" : detail.code());
    }

    @Test
    void fromUrlSaysNothingWithoutAHost() {
        assertThat(PlatformClassifier.fromUrl("see screenshot")).isEmpty();
        assertThat(PlatformClassifier.fromUrl("instagram.com/p/1")).contains(PlatformDetail.INSTAGRAM);
    }
}
