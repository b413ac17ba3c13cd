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

    /**
     * As the catalogs of the release with cohort horizons (issue 42) seed them, and of the release that answers what
     * is removed (issue 41).
     */
    private static final Map<String, String> SEEDED_SINCE_ISSUE_42 = Map.ofEntries(
            Map.entry("removal_rate v2", "sha256:3934fb0cfb597874091519997e7fae4ceb40fab0f4c6040e6caae6227166f59f"),
            Map.entry("removal_rate_by_now v1",
                    "sha256:b0093de4c6d235b9e4f058325eb4ad92454ee08999adf9fad968a19a1ef12ca2"),
            Map.entry("submissions v2", "sha256:5485d7513aac58a073f6dc004c6415c3cf3bef79f5aa64c160eb5ca15a0aa7cf"),
            Map.entry("removals v2", "sha256:fd560bb7b5a87dd3692e14854db96645b7026cd5b2c8ebcab428a70c92d77ce5"),
            Map.entry("removal_rate v3", "sha256:3e8ce14fc1f11d005fafb8eab426331ad0f906cd9b3f07e4b76a94c60cec4a77"),
            Map.entry("removals_by_source v2",
                    "sha256:7528652fd0c5e4d1fbb87ca605c3bdbc2f3ba0b924734a9b9af99e59b8a5c4f7"),
            Map.entry("median_time_to_takedown v2",
                    "sha256:2e163da72855a0c2ca4fc0fbee9990964f7f0b862ffaa89fdd902366eecd1332"),
            Map.entry("removal_rate_by_now v2",
                    "sha256:8010cff48f68cf9d340d2b76e4e615f571a4d91f2c18b6e0e11b6917be48a55a"),
            Map.entry("median_report_to_takedown v1",
                    "sha256:ad945fa6d8fed46e2c5c80a0da3d20c0d40f9e1af3b75278c578c57f78f11a67"));

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
        assertThat(BuiltInMetrics.versionOf(BuiltInMetrics.REMOVAL_RATE)).isEqualTo(3);
        assertThat(BuiltInMetrics.REMOVAL_RATE.horizon()).isEqualTo(BuiltInMetrics.REMOVAL_HORIZON).isEqualTo("P14D");
        assertThat(DefinitionHash.canonicalJson(BuiltInMetrics.REMOVAL_RATE_V1)).doesNotContain("horizon");
    }
}
