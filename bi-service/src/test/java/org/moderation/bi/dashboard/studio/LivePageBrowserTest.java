package org.moderation.bi.dashboard.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.StaleElementReferenceException;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.dashboard.readmodel.ReadModelFreshness;
import org.moderation.bi.dashboard.support.CatalogStub;
import org.moderation.bi.dashboard.support.DemoCommunitiesFixture;
import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.testsupport.KeycloakServer;

/**
 * The page moves by itself: a change the migrator commits to the read model shows on an open page without a reload,
 * the numbers it moved marked, and the page says whether legacy changes stream in live or are polled.
 */
@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(KeycloakServer.class)
@WithTestResource(CatalogStub.class)
class LivePageBrowserTest {

    private static final Path SHOTS = Path.of(System.getProperty("docs.screenshots", "target"));
    private static final String MANAGER = "manager";

    @Inject
    ReadModelFreshness freshness;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @BeforeEach
    void fixture() throws Exception {
        DemoCommunitiesFixture.load();
        ReadModelDatabase.streamSays("live");
        freshness.poll();
    }

    @Test
    void aChangeInTheManagersCommunityShowsOnTheOpenPageMarkedAndNoReloadNeeded() throws Exception {
        try (var page = DashboardPage.logIn("http://127.0.0.1:" + port
                + "/dashboard/?from=2024-05-01&to=2024-06-01&granularity=week&compare=previous", MANAGER,
                KeycloakServer.demoPassword(MANAGER))) {
            assertThat(page.text("#feed")).isEqualTo("● live");
            String before = page.text("#kpi-submissions .value");
            page.markDocument();

            // A new submission of berlin-online-watch in May, committed as the migrator commits one.
            ReadModelDatabase.execute("""
                    INSERT INTO submissions (legacy_id, community_id, platform, platform_detail, platform_source, status,
                                             submitted_at, legacy_updated_at, last_run_id)
                    VALUES (9, 1, 'x', 'x', 'url_host', 'new', '2024-05-22 10:00+00', now(), 1);
                    SELECT apply_submission_facts(ARRAY(SELECT id FROM submissions WHERE legacy_id = 9))""");
            freshness.poll();

            // The page redraws the KPIs as it reloads them: an element read mid-redraw is stale, so read it again.
            await().atMost(Duration.ofSeconds(30)).ignoreException(StaleElementReferenceException.class)
                    .until(() -> "ready".equals(page.state()) && !page.text("#kpi-submissions .value").equals(before));
            assertThat(Long.parseLong(page.text("#kpi-submissions .value").replace(",", "")))
                    .isEqualTo(Long.parseLong(before.replace(",", "")) + 1);
            assertThat(page.isShown("#kpi-submissions.changed")).as("the moved number is marked").isTrue();
            assertThat(page.text("#updated")).startsWith("· the numbers moved at ");
            assertThat(page.isSameDocument()).as("no reload").isTrue();
            page.screenshot(SHOTS.resolve("dashboard-live.png"));

            ReadModelDatabase.streamSays("unavailable");
            freshness.poll();
            // The page hears how the read model is kept current with the next heartbeat.
            await().atMost(Duration.ofSeconds(30)).ignoreException(StaleElementReferenceException.class)
                    .until(() -> page.text("#feed").equals("polling every 5 min"));
        }
    }
}
