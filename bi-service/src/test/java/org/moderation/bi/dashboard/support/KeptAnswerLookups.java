package org.moderation.bi.dashboard.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

/** The kept answers' lookups as the service counts them on /q/metrics. */
public final class KeptAnswerLookups {

    private KeptAnswerLookups() {
    }

    /** {@code cache_gets_total{cache="answers",result=...}}: {@code hit} or {@code miss}. */
    public static double count(String result) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        var line = Pattern.compile("^cache_gets_total\\{(?=[^}]*cache=\"answers\")(?=[^}]*result=\"" + result
                + "\")[^}]*} (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        assertThat(line.find()).as("cache_gets_total of the answers, " + result).isTrue();
        return Double.parseDouble(line.group(1));
    }
}
