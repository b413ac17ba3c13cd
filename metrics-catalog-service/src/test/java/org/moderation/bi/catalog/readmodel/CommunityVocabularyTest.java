package org.moderation.bi.catalog.readmodel;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.moderation.bi.catalog.support.CatalogDatabase;
import org.moderation.bi.shared.metrics.Filter;
import org.moderation.bi.shared.metrics.Measure;
import org.moderation.bi.shared.metrics.MetricDefinition;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Tokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A definition's community slugs are checked against the communities of the read model, when it is written and published. */
@QuarkusTest
@WithTestResource(CatalogDatabase.class)
@WithTestResource(OidcServer.class)
class CommunityVocabularyTest {

    @BeforeAll
    static void communities() throws SQLException {
        execute("""
                INSERT INTO communities (legacy_id, name, slug, created_at) VALUES
                (1, 'Berlin Online Watch', 'berlin-online-watch', now()), (2, 'Vienna Monitoring', 'vienna-monitoring', now()),
                (3, 'Paris Vigilance', 'paris-vigilance', now())""");
    }

    @Test
    void aDefinitionNamingCommunitiesThatExistIsTaken() {
        post(inCommunities("in_two_communities", "berlin-online-watch", "vienna-monitoring")).then().statusCode(201);
    }

    @Test
    void aSlugOfNoCommunityIsRefusedWithTheSlugItProbablyMeant() {
        post(inCommunities("in_a_typo", "Berlin_Online_Watch", "lyon")).then().statusCode(400)
                .body("error", equalTo("invalid_definition"))
                .body("details", contains(
                        "$.measure.filters[0].values[0]: 'Berlin_Online_Watch' is not a value of community (did you "
                                + "mean berlin-online-watch?); it takes berlin-online-watch, paris-vigilance, vienna-monitoring",
                        "$.measure.filters[0].values[1]: 'lyon' is not a value of community; it takes "
                                + "berlin-online-watch, paris-vigilance, vienna-monitoring"));
    }

    @Test
    void aDraftWhoseCommunityIsGoneIsNotPublished() throws SQLException {
        post(inCommunities("in_paris", "paris-vigilance")).then().statusCode(201);
        execute("DELETE FROM communities WHERE slug = 'paris-vigilance'");

        given().auth().oauth2(Tokens.superadmin()).contentType(ContentType.JSON)
                .post("/api/v1/metrics/in_paris/versions/1/publish").then()
                .statusCode(400).body("error", equalTo("invalid_definition"))
                .body("details[0]", equalTo("$.measure.filters[0].values[0]: 'paris-vigilance' is not a value of "
                        + "community; it takes berlin-online-watch, vienna-monitoring"));
    }

    static MetricDefinition inCommunities(String key, String... slugs) {
        return removals(key, new Filter("community", "in", null, List.<Object>of((Object[]) slugs)));
    }

    static MetricDefinition removals(String key, Filter... filters) {
        return new MetricDefinition(key, "Removals counted by " + key, "Removals, in the communities named if any.", "simple", "count",
                new Measure("count", null, "effective_takedown_at", List.of(filters)), null, null, null,
                List.of("day"), List.of(), List.of());
    }

    static io.restassured.response.Response post(MetricDefinition definition) {
        return given().auth().oauth2(Tokens.superadmin()).contentType(ContentType.JSON).body(definition)
                .post("/api/v1/metrics");
    }

    private static void execute(String sql) throws SQLException {
        try (var connection = CatalogDatabase.connect(); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
