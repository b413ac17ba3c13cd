package org.moderation.bi.shared.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Every catalog published the built-ins as version 1 with these definitions the first time it started, and never
 * changes a published version; the dashboards name v1 and its hash as the provenance of their numbers. So the
 * definitions in code must keep the hashes the catalogs hold. A built-in that needs to change becomes a new version
 * of the metric in the catalog, and the dashboards follow it; this test is not to be updated to a new hash.
 */
class BuiltInMetricsTest {

    /** As the catalogs of the first release seeded them (commit f5a7bb3), computed by DefinitionHash then. */
    private static final Map<String, String> SEEDED = Map.of(
            "submissions", "sha256:90202afdc8262ebcb4f7d780397eb9f4976677b959fd024e0a65373c34362b75",
            "removals", "sha256:f8773f94640aa3ad97d089ae7dbf67869fb16c33a7eb88acc8c8d698a57c1998",
            "removal_rate", "sha256:c40732ad4937f051ef6726541bbe8913408b43f31fe24f55870b0d0bac4d4ee6",
            "removals_by_source", "sha256:12f02d9fbeedc1453b11faf171a5ef8f9935f44313509c6ef7dab9a2756dac47",
            "median_time_to_takedown", "sha256:0fcf0bb257713b37d84ee842e766253aa21306156a63e82954cdac1b4ce735d4");

    /** As the catalogs of the release with cohort horizons (issue 42) seed them. */
    private static final Map<String, String> SEEDED_SINCE_ISSUE_42 = Map.of(
            "removal_rate v2", "sha256:3934fb0cfb597874091519997e7fae4ceb40fab0f4c6040e6caae6227166f59f",
            "removal_rate_by_now v1", "sha256:b0093de4c6d235b9e4f058325eb4ad92454ee08999adf9fad968a19a1ef12ca2");

    @Test
    void theBuiltInsAreStillWhatEveryCatalogPublishedAsVersionOne() {
        var inCode = new LinkedHashMap<String, String>();
        BuiltInMetrics.SEEDED.stream().filter(s -> s.version() == 1 && SEEDED.containsKey(s.definition().key()))
                .forEach(s -> inCode.put(s.definition().key(), DefinitionHash.of(s.definition())));

        assertThat(inCode).containsExactlyInAnyOrderEntriesOf(SEEDED);
    }

    @Test
    void theVersionsSeededSinceAreWhatTheirCatalogsPublished() {
        var inCode = new LinkedHashMap<String, String>();
        BuiltInMetrics.SEEDED.stream().filter(s -> s.version() > 1 || !SEEDED.containsKey(s.definition().key()))
                .forEach(s -> inCode.put(s.definition().key() + " v" + s.version(), DefinitionHash.of(s.definition())));

        assertThat(inCode).containsExactlyInAnyOrderEntriesOf(SEEDED_SINCE_ISSUE_42);
    }

    @Test
    void theLatestOfEachIsWhatTheDashboardsAndTheApiCompute() {
        assertThat(BuiltInMetrics.ALL).extracting(MetricDefinition::key).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(BuiltInMetrics.SEEDED.stream().map(s -> s.definition().key())
                        .distinct().toList());
        assertThat(BuiltInMetrics.versionOf(BuiltInMetrics.REMOVAL_RATE)).isEqualTo(2);
        assertThat(BuiltInMetrics.REMOVAL_RATE.horizon()).isEqualTo(BuiltInMetrics.REMOVAL_HORIZON).isEqualTo("P14D");
        assertThat(DefinitionHash.canonicalJson(BuiltInMetrics.REMOVAL_RATE_V1)).doesNotContain("horizon");
    }
}
