package org.moderation.bi.dashboard.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

/** The meters of the service's caches as it shows them on /q/metrics. */
public final class CacheLookups {

    private CacheLookups() {
    }

    /** Lookups of kept answers, {@code cache_gets_total{cache="answers",result=...}}: {@code hit} or {@code miss}. */
    public static double answers(String result) {
        return meter("answers", "cache_gets_total", "(?=[^}]*result=\"" + result + "\")");
    }

    /** {@code cache_size{cache="answers"}}: how many answers are kept. */
    public static double answersKept() {
        return meter("answers", "cache_size", "");
    }

    /** Lookups of checked bearer tokens, {@code cache_gets_total{cache="verified-tokens",result=...}}. */
    public static double verifiedTokens(String result) {
        return meter("verified-tokens", "cache_gets_total", "(?=[^}]*result=\"" + result + "\")");
    }

    private static double meter(String cache, String name, String tags) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        var line = Pattern.compile("^" + name + "\\{(?=[^}]*cache=\"" + cache + "\")" + tags + "[^}]*} (\\S+)$",
                Pattern.MULTILINE).matcher(metrics);
        assertThat(line.find()).as(name + " of " + cache + " " + tags).isTrue();
        return Double.parseDouble(line.group(1));
    }
}
