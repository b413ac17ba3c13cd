package org.moderation.bi.catalog.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.moderation.bi.testsupport.Tokens;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Requests to the catalog as its tests make them, and the role rules every one of its resources keeps. */
public final class Calls {

    private Calls() {
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /**
     * The key of the rule {@code rule} made (201) by the caller of {@code token}: as written for a superadmin, in their
     * own namespace for a community manager.
     */
    public static String createdRule(String token, Object rule) {
        return as(token).body(rule).post("/api/v1/alert-rules").then().statusCode(201).extract().path("key");
    }

    /** Each call ("METHOD path", sent with {@code body}) is refused without a valid token (401) and to any other role (403). */
    public static void onlySuperadminsMay(List<String> calls, Object body) {
        for (String call : calls) {
            assertThat(status(call, null, body)).as("no token: " + call).isEqualTo(401);
            assertThat(status(call, Tokens.badSignature(), body)).as("bad signature: " + call).isEqualTo(401);
            assertThat(status(call, Tokens.expired(), body)).as("expired: " + call).isEqualTo(401);
            assertThat(status(call, Tokens.unsigned(), body)).as("alg none: " + call).isEqualTo(401);
            assertThat(status(call, Tokens.communityManager("north"), body)).as("community manager: " + call)
                    .isEqualTo(403);
            assertThat(status(call, Tokens.withoutRole(), body)).as("no role: " + call).isEqualTo(403);
        }
    }

    /** Each read is refused without a valid token (401) or a role (403); a community manager is answered. */
    public static void communityManagersMayRead(List<String> calls) {
        for (String call : calls) {
            assertThat(status(call, null, null)).as("no token: " + call).isEqualTo(401);
            assertThat(status(call, Tokens.wrongIssuer(), null)).as("wrong issuer: " + call).isEqualTo(401);
            assertThat(status(call, Tokens.withoutRole(), null)).as("no role: " + call).isEqualTo(403);
            assertThat(status(call, Tokens.communityManager("north"), null)).as("community manager: " + call)
                    .isNotIn(401, 403);
        }
    }

    /**
     * All a caller learns from an answer: its status, its content type and its body, with {@code text} written as
     * {@code as} (the key asked for), so that the answers about two keys can be compared byte for byte.
     */
    public static String answer(Response response, String text, String as) {
        return response.statusCode() + " " + response.contentType() + " " + response.asString().replace(text, as);
    }

    private static int status(String call, String token, Object body) {
        String[] methodAndPath = call.split(" ", 2);
        var request = given().contentType(ContentType.JSON).header("If-Match", "\"0\"");
        if (body != null) {
            request.body(body);
        }
        if (token != null) {
            request.auth().oauth2(token);
        }
        return request.request(methodAndPath[0], methodAndPath[1]).statusCode();
    }
}
