package org.moderation.bi.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moderation.bi.deploy.Manifests.elements;

import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every overlay: the alerts the platform team needs are rendered, each watches a metric the services export, says
 * what happened in one line and leads to its runbook in deploy/README.md.
 */
class AlertsTest {

    /** The conditions deploy/README.md promises an alert for. */
    private static final Set<String> ALERTS = Set.of("MigratorNoSuccessfulRun", "MigratorRunFailed",
            "MigratorMassDeleteRefused", "MigratorAuditFailed", "MigratorStreamSlotRetainsWal", "MigratorStreamDown",
            "MigratorStreamPaused", "MigratorStreamLagging", "ReadModelStale", "BiAlertRuleFiring",
            "BiAlertRulesStale");

    /** Alerts whose severity is their series' own (an alert rule's severity in the catalog). */
    private static final Set<String> SEVERITY_FROM_SERIES = Set.of("BiAlertRuleFiring");

    /**
     * The series the services export (their ObservabilityTest and HealthTest check the same names on /q/metrics):
     * an expression on a misspelt one would never fire.
     */
    private static final Set<String> EXPORTED = Set.of("migrator_last_success_age_seconds",
            "migrator_latest_run_failed", "migrator_run_duration_seconds_count", "migrator_mass_delete_refused",
            "migrator_audit_last_passed", "migrator_read_model_version_age_seconds", "migrator_stream_state",
            "migrator_stream_slot_retained_bytes", "migrator_stream_lag_seconds", "bi_read_model_age_seconds",
            "bi_read_model_verified_age_seconds", "bi_alert_firing", "bi_alert_info", "bi_alert_stale");

    private static final Pattern SERIES = Pattern.compile("\\b((?:migrator|bi)_[a-z_]+)\\b");

    static List<String> overlays() {
        return Kustomize.overlays();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyOverlayAlertsOnWhatTheRunbookCovers(String overlay) throws Exception {
        Map<String, JsonNode> rules = new TreeMap<>();
        for (JsonNode rule : Kustomize.render(overlay).all("PrometheusRule")) {
            for (JsonNode group : elements(rule.path("spec").path("groups"))) {
                elements(group.path("rules")).forEach(r -> rules.put(r.path("alert").asText(), r));
            }
        }
        assertThat(rules.keySet()).as("alerts of overlay %s", overlay).containsExactlyInAnyOrderElementsOf(ALERTS);

        String readme = Files.readString(Kustomize.DEPLOY.resolve("README.md"));
        for (var alert : rules.entrySet()) {
            JsonNode rule = alert.getValue();
            String what = alert.getKey() + " in " + overlay;
            assertThat(rule.path("labels").path("severity").asText()).as("severity of %s", what)
                    .isIn(SEVERITY_FROM_SERIES.contains(alert.getKey()) ? List.of("{{ $labels.severity }}")
                            : List.of("warning", "critical"));
            assertThat(rule.path("annotations").path("summary").asText()).as("summary of %s", what).isNotBlank();
            assertThat(rule.path("annotations").path("runbook_url").asText()).as("runbook of %s", what)
                    .isEqualTo("deploy/README.md#" + alert.getKey().toLowerCase(Locale.ROOT));
            assertThat(readme).as("deploy/README.md has the runbook section of %s", what)
                    .contains("\n### " + alert.getKey() + "\n");
            Matcher series = SERIES.matcher(rule.path("expr").asText());
            assertThat(series.find()).as("%s watches a series", what).isTrue();
            do {
                assertThat(series.group(1)).as("series in %s", what).isIn(EXPORTED);
            } while (series.find());
        }
    }
}
