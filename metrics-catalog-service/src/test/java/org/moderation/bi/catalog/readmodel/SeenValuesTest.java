package org.moderation.bi.catalog.readmodel;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.moderation.bi.catalog.support.CatalogDatabase;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Tokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A definition naming a category, hashtag, language or classifier label no submission has had yet is accepted (a
 * moderator prepares a metric for a new code), with a warning naming the closest values the read model has seen; the
 * warning is worked out whenever the version is shown, so it goes once the value arrives.
 */
@QuarkusTest
@WithTestResource(CatalogDatabase.class)
@WithTestResource(OidcServer.class)
class SeenValuesTest {

    @BeforeAll
    static void seenValues() throws SQLException {
        execute("""
                INSERT INTO mv_seen_values (dimension, value) VALUES
                ('category', 'antisemitism'), ('category', 'holocaust_denial'), ('category', 'conspiracy'),
                ('hashtag', 'nwo'), ('language', 'de')""");
    }

    @Test
    void aValueNoSubmissionHadIsAcceptedWithTheClosestSeenValuesUntilOneHasIt() throws SQLException {
        CommunityVocabularyTest.post(CommunityVocabularyTest.removals("typo_in_category",
                        new Filter("category", "in", null, List.of("antisemitsm", "holocaust_denial")),
                        new Filter("hashtag", "eq", "nwo", null)))
                .then().statusCode(201)
                .body("warnings", hasSize(1))
                .body("warnings[0].path", equalTo("$.measure.filters[0].values[0]"))
                .body("warnings[0].message", equalTo("no submission has had the category 'antisemitsm' yet: it counts "
                        + "nothing until one does; closest seen: 'antisemitism'"));

        execute("INSERT INTO mv_seen_values (dimension, value) VALUES ('category', 'antisemitsm')");

        given().auth().oauth2(Tokens.superadmin()).get("/api/v1/metrics/typo_in_category/versions/1").then()
                .statusCode(200).body("warnings", empty());
    }

    @Test
    void valuesSeenAlreadyAndValuesOfClosedSetsWarnOfNothing() {
        CommunityVocabularyTest.post(CommunityVocabularyTest.removals("seen_values",
                        new Filter("language", "eq", "de", null),
                        new Filter("report_channel", "eq", "email", null)))
                .then().statusCode(201).body("warnings", empty());
    }

    @Test
    void aNewLanguageWithNothingCloseSaysSo() {
        CommunityVocabularyTest.post(CommunityVocabularyTest.removals("new_language",
                        new Filter("language", "eq", "yi", null)))
                .then().statusCode(201)
                .body("warnings[0].message", equalTo("no submission has had the language 'yi' yet: it counts nothing "
                        + "until one does (no value seen is close to it)"));
    }

    private static void execute(String sql) throws SQLException {
        try (var connection = CatalogDatabase.connect(); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
