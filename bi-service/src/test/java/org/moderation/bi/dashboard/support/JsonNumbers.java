package org.moderation.bi.dashboard.support;

import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;

/** The API's fractional numbers are doubles; read them as such, whatever another test class set before. */
public final class JsonNumbers {

    private JsonNumbers() {
    }

    public static void asDoubles() {
        RestAssured.config = RestAssuredConfig.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }
}
