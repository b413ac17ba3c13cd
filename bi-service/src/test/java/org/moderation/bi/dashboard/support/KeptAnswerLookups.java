package org.moderation.bi.dashboard.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

/** The kept answers' meters as the service shows them on /q/metrics. */
public final class KeptAnswerLookups {

    private KeptAnswerLookups() {
    }

    /** {@code cache_gets_total{cache="answers",result=...}}: {@code hit} or {@code miss}. */
    public static double count(String result) {
        return meter("cache_gets_total", "(?=[^}]*result=\"" + result + "\")");
    }

    /** {@code cache_size{cache="answers"}}: how many answers are kept. */
    public static double kept() {
        return meter("cache_size", "");
    }

    private static double meter(String name, String tags) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        var line = Pattern.compile("^" + name + "\\{(?=[^}]*cache=\"answers\")" + tags + "[^}]*} (\\S+)$",
                Pattern.MULTILINE).matcher(metrics);
        assertThat(line.find()).as(name + " of the answers " + tags).isTrue();
        return Double.parseDouble(line.group(1));
    }
}
