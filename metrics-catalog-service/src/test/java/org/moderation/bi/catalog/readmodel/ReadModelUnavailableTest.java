package org.moderation.bi.catalog.readmodel;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import org.moderation.bi.catalog.support.SilentReadModel;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.testsupport.OidcServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A read model that does not answer makes a definition that names communities a 503 within the time limit (this test
 * would hang without it), and stops nothing else: other definitions are taken, and the catalog stays ready.
 */
@QuarkusTest
@WithTestResource(SilentReadModel.class)
@WithTestResource(OidcServer.class)
class ReadModelUnavailableTest {

    @Test
    void aDefinitionNamingACommunityIsA503WhileTheReadModelIsSilent() {
        CommunityVocabularyTest.post(CommunityVocabularyTest.inCommunities("while_silent", "berlin-online-watch"))
                .then().statusCode(503).body("error", equalTo("vocabulary_unavailable"))
                .body("message", containsString("the read model did not answer"));
    }

    @Test
    void aDefinitionNamingAHashtagIsAcceptedWithAWarningThatItCouldNotBeCompared() {
        CommunityVocabularyTest.post(CommunityVocabularyTest.removals("hashtag_while_silent",
                        new Filter("hashtag", "eq", "nwo", null)))
                .then().statusCode(201)
                .body("warnings[0].path", equalTo("$.measure.filters[0].value"))
                .body("warnings[0].message", containsString("could not be compared with the values seen so far"));
    }

    @Test
    void everythingElseGoesOn() {
        CommunityVocabularyTest.post(CommunityVocabularyTest.removals("everywhere")).then().statusCode(201);
        CommunityVocabularyTest.post(CommunityVocabularyTest.removals("on_telegram",
                new Filter("platform", "eq", "telegram", null))).then().statusCode(201);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
