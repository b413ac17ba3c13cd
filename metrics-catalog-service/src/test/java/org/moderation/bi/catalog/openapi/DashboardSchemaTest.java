package org.moderation.bi.catalog.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.moderation.bi.catalog.support.CatalogDatabase;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Tokens;

import io.restassured.http.ContentType;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The OpenAPI document describes a dashboard definition as the validator checks it, with an example that passes. */
@QuarkusTest
@WithTestResource(CatalogDatabase.class)
@WithTestResource(OidcServer.class)
class DashboardSchemaTest {

    private static final List<String> DEFINITION_REQUESTS = List.of("/paths/~1api~1v1~1dashboards/post",
            "/paths/~1api~1v1~1dashboards~1{key}~1versions~1{version}/put");

    @Test
    void aDashboardsPartsAreDescribedAsTheValidatorChecksThem() throws Exception {
        JsonNode schemas = document().at("/components/schemas");

        assertThat(strings(schemas.at("/DashboardDefinition/required"))).containsExactlyInAnyOrder("key", "name", "description");
        assertThat(strings(schemas.at("/DashboardTile/required"))).containsExactlyInAnyOrder("id", "metric");
        assertThat(strings(schemas.at("/DashboardBreakdown/required")))
                .containsExactlyInAnyOrder("id", "dimension", "columns");
        assertThat(strings(schemas.at("/DashboardBreakdown/properties/dimension/enum")))
                .containsExactly("community", "platform", "platform_detail", "status", "takedown_source", "category",
                        "hashtag", "report_channel", "takedown_channel", "language", "classifier_label");
        assertThat(schemas.at("/DashboardTile/properties/version/minimum").asInt()).isEqualTo(1);
        assertThat(schemas.at("/DashboardTile/properties/version/description").asText()).contains("follow the latest published");
        assertThat(strings(schemas.at("/DashboardVersionView/properties/status/enum")))
                .containsExactly("draft", "published", "deprecated");
    }

    @Test
    void everyRequestAndAnswerNamesItsDashboardType() throws Exception {
        JsonNode document = document();
        String paths = "/paths/~1api~1v1~1dashboards";
        assertThat(document.at(DEFINITION_REQUESTS.get(1) + "/requestBody/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/DashboardDefinition");
        assertThat(document.at(paths + "/get/responses/200/content/application~1json/schema/items/$ref").asText())
                .isEqualTo("#/components/schemas/DashboardSummaryView");
        assertThat(document.at(paths + "~1{key}~1versions~1{version}~1deprecate/post/responses/200/content/"
                + "application~1json/schema/$ref").asText()).isEqualTo("#/components/schemas/DashboardVersionView");
        assertThat(document.at(paths + "/post/tags/0").asText()).isEqualTo("Dashboards");
    }

    @Test
    void theExampleIsOfferedWithEveryRequestThatTakesADefinitionAndTheCatalogAcceptsIt() throws Exception {
        JsonNode document = document();
        for (String request : DEFINITION_REQUESTS) {
            assertThat(document.at(request + "/requestBody/content/application~1json/examples/takedowns/value/key").asText())
                    .as(request).isEqualTo(DashboardSchema.EXAMPLE.key());
        }
        String example = document.at(DEFINITION_REQUESTS.getFirst()
                + "/requestBody/content/application~1json/examples/takedowns/value").toString();
        given().auth().oauth2(Tokens.superadmin()).contentType(ContentType.JSON).body(example).post("/api/v1/dashboards")
                .then().statusCode(201).body("definition.kpis[1].version", equalTo(null));
        given().auth().oauth2(Tokens.superadmin()).contentType(ContentType.JSON)
                .post("/api/v1/dashboards/takedowns/versions/1/publish").then().statusCode(200);
    }

    private static JsonNode document() throws Exception {
        return new ObjectMapper().readTree(given().accept(ContentType.JSON).get("/q/openapi?format=json").then()
                .statusCode(200).extract().asString());
    }

    private static List<String> strings(JsonNode array) {
        assertThat(array.isArray()).as(array.toString()).isTrue();
        var values = new ArrayList<String>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
