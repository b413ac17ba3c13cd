package org.moderation.bi.dashboard.filters;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.shared.metrics.KnownValues;
import org.moderation.bi.testsupport.OidcServer;

/** Swagger UI shows the same dimension parameters, described the same, wherever an operation takes them. */
@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
class DimensionParametersInOpenApiTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/dashboards/{key}/view", "/api/v1/submissions"})
    void everyOperationThatTakesTheDimensionParametersListsEachOnceWithItsClosedValues(String path)
            throws IOException {
        JsonNode operation = new ObjectMapper().readTree(given().accept("application/json")
                .get("/q/openapi?format=json").then().statusCode(200).extract().asString())
                .path("paths").path(path).path("get");
        assertThat(operation.isMissingNode()).as(path).isFalse();
        assertThat(operation.has(DimensionParametersInOpenApi.TAKES_THEM)).as("the marker is replaced").isFalse();
        for (DimensionParameters.Described described : DimensionParameters.described()) {
            List<JsonNode> named = new ArrayList<>();
            operation.path("parameters").forEach(p -> {
                if (p.path("name").asText().equals(described.name())) {
                    named.add(p);
                }
            });
            assertThat(named).as(described.name()).hasSize(1);
            JsonNode parameter = named.getFirst();
            assertThat(parameter.path("in").asText()).isEqualTo("query");
            assertThat(parameter.path("description").asText()).isEqualTo(described.description());
            List<String> listed = new ArrayList<>();
            parameter.path("schema").path("enum").forEach(value -> listed.add(value.asText()));
            assertThat(listed).as(described.name())
                    .containsExactlyElementsOf(KnownValues.CLOSED.of(described.column()).orElse(List.of()));
        }
    }
}
