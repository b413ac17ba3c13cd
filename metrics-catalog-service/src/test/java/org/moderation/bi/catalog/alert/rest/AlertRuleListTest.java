package org.moderation.bi.catalog.alert.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.moderation.bi.catalog.support.Calls.as;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.moderation.bi.catalog.support.CatalogDatabase;
import org.moderation.bi.shared.alerts.AlertCondition;
import org.moderation.bi.shared.alerts.AlertRuleDefinition;
import org.moderation.bi.shared.alerts.AlertWindow;
import org.moderation.bi.shared.metrics.DefinitionHash;
import org.moderation.bi.testsupport.OidcServer;
import org.moderation.bi.testsupport.Tokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * With 2,000 rules, a community manager's list is read as a superadmin's is, in a few statements whatever the number
 * of rules (it was two per rule: seconds), and the list comes in pages a caller follows by its Link header.
 */
@QuarkusTest
@TestProfile(AlertRuleListTest.CountedStatements.class)
@WithTestResource(CatalogDatabase.class)
@WithTestResource(OidcServer.class)
class AlertRuleListTest {

    public static class CountedStatements implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.hibernate-orm.statistics", "true");
        }
    }

    private static final String PATH = "/api/v1/alert-rules";
    private static final int RULES = 2000;
    private static final List<String> CLAIM = List.of("c-1", "c-2", "c-3");
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");
    /** Each rule's key, and the communities of each of its versions (empty: every community). */
    private static final Map<String, List<List<String>>> FIXTURE = new TreeMap<>();

    @Inject
    SessionFactory sessions;

    /** Written straight into the catalog's tables, as 2,000 rules made over months would be. */
    @BeforeAll
    static void rules() throws SQLException {
        for (int i = 0; i < RULES; i++) {
            String one = "c-" + i % 40;
            String next = "c-" + (i + 1) % 40;
            List<String> first = i % 100 == 2 ? List.of() : i % 3 == 1 ? List.of(one, next) : List.of(one);
            FIXTURE.put("rule_%04d".formatted(i), i % 7 == 0 ? List.of(first, List.of("c-" + (i + 5) % 40))
                    : List.of(first));
        }
        try (var connection = CatalogDatabase.connect();
             var rule = connection.prepareStatement("INSERT INTO catalog.alert_rules (rule_key, created_by, created_at) "
                     + "VALUES (?, ?, now()) RETURNING id");
             var version = connection.prepareStatement("INSERT INTO catalog.alert_rule_versions (rule_id, version, "
                     + "status, definition, definition_hash, revision, created_by, created_at, updated_by, updated_at) "
                     + "VALUES (?, ?, ?, ?::jsonb, ?, 0, 'owner', now(), 'owner', now())")) {
            for (var entry : FIXTURE.entrySet()) {
                rule.setString(1, entry.getKey());
                rule.setString(2, "owner-" + Math.floorMod(entry.getKey().hashCode(), 50));
                long id;
                try (var inserted = rule.executeQuery()) {
                    inserted.next();
                    id = inserted.getLong(1);
                }
                List<List<String>> versions = entry.getValue();
                for (int v = 0; v < versions.size(); v++) {
                    var definition = definition(entry.getKey(), versions.get(v));
                    version.setLong(1, id);
                    version.setInt(2, v + 1);
                    version.setString(3, v == versions.size() - 1 && v > 0 ? "draft" : "published");
                    version.setString(4, DefinitionHash.canonicalJson(definition));
                    version.setString(5, DefinitionHash.of(definition));
                    version.addBatch();
                }
            }
            version.executeBatch();
        }
    }

    @Test
    void aManagersListCostsWhatASuperadminsCosts() {
        String manager = Tokens.communityManager(CLAIM.toArray(String[]::new));
        long superadmins = statements(() -> as(Tokens.superadmin()).get(PATH).then().statusCode(200)
                .body("size()", equalTo(RULES)));
        Instant start = Instant.now();
        long managers = statements(() -> assertThat(as(manager).get(PATH).then().statusCode(200).extract()
                .jsonPath().getList("key", String.class)).isEqualTo(visibleTo(CLAIM)).isNotEmpty());
        // It took 6 to 31 seconds, against the superadmin's 0.1; the bound is loose for a busy machine.
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
        assertThat(managers).isLessThanOrEqualTo(superadmins).isLessThanOrEqualTo(3);
    }

    @Test
    void theListComesInPagesFollowedByTheirLinkHeader() {
        assertThat(everyPage(Tokens.superadmin(), 700)).containsExactlyElementsOf(FIXTURE.keySet());
        String manager = Tokens.communityManager(CLAIM.toArray(String[]::new));
        assertThat(everyPage(manager, 10)).containsExactlyElementsOf(visibleTo(CLAIM));

        // Without a limit, as every caller asked before there were pages: the whole list, up to 5,000 rules.
        Response whole = as(Tokens.superadmin()).get(PATH);
        assertThat(whole.jsonPath().getList("key", String.class)).hasSize(RULES);
        assertThat(whole.header("Link")).isNull();

        for (String limit : List.of("0", "5001", "many")) {
            as(Tokens.superadmin()).queryParam("limit", limit).get(PATH).then().statusCode(400)
                    .body("error", equalTo("bad_request"))
                    .body("message", equalTo("limit '" + limit + "' is not a whole number between 1 and 5000"));
        }
    }

    @Test
    void theDocumentSaysTheListIsStillAnArrayAndHowItIsPaged() throws Exception {
        var document = new ObjectMapper().readTree(given().accept(ContentType.JSON).get("/q/openapi?format=json").then()
                .statusCode(200).extract().asString());
        var list = document.at("/paths/~1api~1v1~1alert-rules/get");
        assertThat(list.at("/responses/200/content/application~1json/schema/type").asText()).isEqualTo("array");
        assertThat(list.at("/responses/200/content/application~1json/schema/items/$ref").asText())
                .isEqualTo("#/components/schemas/AlertRuleSummaryView");
        assertThat(list.at("/responses/200/headers/Link/description").asText()).contains("rel=\"next\"");
        assertThat(list.at("/parameters").findValuesAsText("name")).containsExactly("after", "limit");
    }

    /** The keys of every page, following each Link to the next. */
    private static List<String> everyPage(String token, int limit) {
        var keys = new ArrayList<String>();
        String next = PATH + "?limit=" + limit;
        int pages = 0;
        while (next != null) {
            Response page = as(token).get(next).then().statusCode(200).extract().response();
            List<String> listed = page.jsonPath().getList("key", String.class);
            assertThat(listed).hasSizeLessThanOrEqualTo(limit).isNotEmpty();
            keys.addAll(listed);
            String link = page.header("Link");
            if (link == null) {
                next = null;
            } else {
                var matcher = NEXT.matcher(link);
                assertThat(matcher.matches()).as(link).isTrue();
                next = matcher.group(1);
                assertThat(next).isEqualTo(PATH + "?limit=" + limit + "&after=" + listed.getLast());
            }
            pages++;
        }
        assertThat(pages).isEqualTo((keys.size() + limit - 1) / limit);
        return keys;
    }

    /** The rules a manager of these communities sees: every version of them watches some, all among these. */
    private static List<String> visibleTo(List<String> claim) {
        return FIXTURE.entrySet().stream()
                .filter(rule -> rule.getValue().stream().allMatch(c -> !c.isEmpty() && claim.containsAll(c)))
                .map(Map.Entry::getKey).toList();
    }

    private long statements(Runnable call) {
        var statistics = sessions.getStatistics();
        statistics.clear();
        call.run();
        return statistics.getPrepareStatementCount();
    }

    private static AlertRuleDefinition definition(String key, List<String> communities) {
        return new AlertRuleDefinition(key, "Rule " + key, "The removal rate fell under 20 %.",
                new AlertRuleDefinition.AlertMetric("removal_rate", null), new AlertWindow("rolling", 7, "days", "UTC"),
                communities, new AlertCondition("below", 0.2, null, null), 10.0, "PT30M", "warning");
    }
}
