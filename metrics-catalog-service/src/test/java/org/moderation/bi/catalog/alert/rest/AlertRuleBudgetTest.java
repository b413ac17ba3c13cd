package org.moderation.bi.catalog.alert.rest;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.moderation.bi.catalog.support.Calls.as;
import static org.moderation.bi.catalog.support.Calls.createdRule;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.moderation.bi.catalog.support.CatalogDatabase;
import org.moderation.bi.shared.alerts.AlertCondition;
import org.moderation.bi.shared.alerts.AlertRuleDefinition;
import org.moderation.bi.shared.alerts.AlertWindow;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Tokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A person, and a community, hold at most their budget of alert rules that are not deprecated: what one person's
 * script or one community's rules cost every evaluation round and every list is bounded.
 */
@QuarkusTest
@TestProfile(AlertRuleBudgetTest.SmallBudgets.class)
@WithTestResource(CatalogDatabase.class)
@WithTestResource(OidcServer.class)
class AlertRuleBudgetTest {

    public static class SmallBudgets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("catalog.alert-rules.per-person", "2", "catalog.alert-rules.per-community", "3");
        }
    }

    private static final String PATH = "/api/v1/alert-rules";
    private static final AtomicInteger KEYS = new AtomicInteger();

    @BeforeAll
    static void communities() throws SQLException {
        try (var connection = CatalogDatabase.connect(); var statement = connection.createStatement()) {
            statement.execute("""
                    INSERT INTO communities (legacy_id, name, slug, created_at) VALUES
                    (1, 'North', 'north', now()), (2, 'South', 'south', now()), (3, 'East', 'east', now())""");
        }
    }

    @Test
    void aManagerHoldsAtMostTheirBudgetAndDeprecatingOneMakesRoom() {
        String alice = Tokens.communityManagerNamed("budget-alice", "north");
        String first = createdRule(alice, rule(newKey(), List.of("north")));
        createdRule(alice, rule(newKey(), List.of("north")));

        String third = newKey();
        as(alice).body(rule(third, List.of("north"))).post(PATH).then().statusCode(409)
                .body("error", equalTo("rule_budget_exceeded"))
                .body("message", equalTo("you have reached your budget of 2 alert rules (those not deprecated); "
                        + "deprecate one you no longer need to make room (a draft: publish it, then deprecate it)"))
                .body("details", equalTo(List.of()));
        as(alice).get(PATH).then().statusCode(200).body("key", not(hasItem(endsWith("_" + third))));

        as(alice).post(PATH + "/" + first + "/versions/1/publish").then().statusCode(200);
        as(alice).post(PATH + "/" + first + "/versions/1/deprecate").then().statusCode(200);
        as(alice).body(rule(third, List.of("north"))).post(PATH).then().statusCode(201);
        // A deprecated rule that gets a new version counts again.
        as(alice).post(PATH + "/" + first + "/versions").then().statusCode(409)
                .body("error", equalTo("rule_budget_exceeded"));
    }

    @Test
    void aCommunityHoldsAtMostItsBudgetWhoeverWritesTheRules() {
        as(Tokens.communityManagerNamed("budget-carol", "south")).body(rule(newKey(), List.of("south"))).post(PATH)
                .then().statusCode(201);
        String dave = Tokens.communityManagerNamed("budget-dave", "south");
        String daves = createdRule(dave, rule(newKey(), List.of("south")));
        as(dave).body(rule(newKey(), List.of("south"))).post(PATH).then().statusCode(201);

        String full = "community south has reached its budget of 3 alert rules (those not deprecated); deprecate one "
                + "that is no longer needed to make room (its owner or a superadmin may)";
        String erin = Tokens.communityManagerNamed("budget-erin", "south", "east");
        as(erin).body(rule(newKey(), List.of("east", "south"))).post(PATH).then().statusCode(409)
                .body("error", equalTo("rule_budget_exceeded")).body("message", equalTo(full))
                .body("details", contains("$.communities[1]: south is at its budget of 3 alert rules"));
        // A superadmin is bound by a community's budget too, not by one of their own.
        as(Tokens.superadmin()).body(rule(newKey(), List.of("south"))).post(PATH).then().statusCode(409)
                .body("message", equalTo(full));
        for (int i = 0; i < 3; i++) {
            as(Tokens.superadmin()).body(rule(newKey(), List.of())).post(PATH).then().statusCode(201);
        }
        // A draft that would watch a full community is refused as a new rule is.
        String eastern = createdRule(erin, rule(newKey(), List.of("east")));
        as(erin).header("If-Match", "\"0\"").body(rule(eastern, List.of("east", "south")))
                .put(PATH + "/" + eastern + "/versions/1").then().statusCode(409).body("message", equalTo(full));

        as(dave).post(PATH + "/" + daves + "/versions/1/publish").then().statusCode(200);
        as(dave).post(PATH + "/" + daves + "/versions/1/deprecate").then().statusCode(200);
        as(erin).header("If-Match", "\"0\"").body(rule(eastern, List.of("east", "south")))
                .put(PATH + "/" + eastern + "/versions/1").then().statusCode(200);
    }

    private static String newKey() {
        return "budget_rule_" + KEYS.incrementAndGet();
    }

    private static AlertRuleDefinition rule(String key, List<String> communities) {
        return new AlertRuleDefinition(key, "Budget " + key, "The removal rate fell under 20 %.",
                new AlertRuleDefinition.AlertMetric("removal_rate", null), new AlertWindow("rolling", 7, "days", "UTC"),
                communities, new AlertCondition("below", 0.2, null, null), 10.0, "PT30M", "warning");
    }
}
