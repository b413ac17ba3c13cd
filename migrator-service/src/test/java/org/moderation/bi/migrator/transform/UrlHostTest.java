package org.moderation.bi.migrator.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlHostTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "https://www.instagram.com/p/Cx1/                     | www.instagram.com",
            "http://facebook.com/story.php?id=1                   | facebook.com",
            "instagram.com/p/abc                                  | instagram.com",
            "//m.facebook.com/groups/1                            | m.facebook.com",
            "HTTPS://WWW.YOUTUBE.COM/watch?v=x                    | www.youtube.com",
            "https://youtu.be/abc?si=tracking                     | youtu.be",
            "https://user:pw@t.me:443/channel                     | t.me",
            "vm.tiktok.com/ZMabc/                                 | vm.tiktok.com",
            "  https://x.com/user/status/1?utm_source=share  | x.com",
            "fb.watch/abc#comments                                | fb.watch",
            "https://reddit.com.                                  | reddit.com",
            "redd.it?x=1                                          | redd.it",
            "https://www.facebook.com /p/1                        | www.facebook.com",
            "facebook.com../x                                     | facebook.com",
            "ｆａｃｅｂｏｏｋ.com/x                                   | facebook.com",
            "https://münchen-nachrichten.de/artikel               | xn--mnchen-nachrichten-m6b.de",
    })
    void findsTheHost(String url, String host) {
        assertThat(UrlHost.of(url)).contains(host);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "see screenshot", "N/A", "javascript:void(0)", "http://", "mailto:a@b.com",
            "ftp://files.example.com/x", "localhost/x", "https://exa mple.com", "not-a-url", "https://-bad-.com/",
            "facebook.com:notaport/x"})
    void findsNoHostInGarbage(String url) {
        assertThat(UrlHost.of(url)).isEmpty();
    }
}
