package org.moderation.bi.migrator.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AnalysisMapperTest {

    @Test
    void mapsVersion1() throws MalformedLegacyRow {
        Analysis analysis = AnalysisMapper.map("{\"score\": 0.91, \"label\": \"Antisemitic\"}").orElseThrow();

        assertThat(analysis.shapeVersion()).isEqualTo(1);
        assertThat(analysis.model()).isNull();
        assertThat(analysis.score()).isEqualByComparingTo("0.91");
        assertThat(analysis.labels()).containsExactly("antisemitic");
        assertThat(analysis.scores()).isEmpty();
    }

    @Test
    void mapsVersion2WithTheAntisemitismScoreAsHeadline() throws MalformedLegacyRow {
        Analysis analysis = AnalysisMapper.map("""
                {"model": "clf-v2", "scores": {"antisemitism": 0.93, "violence": 0.12}, "labels": ["antisemitism"]}""")
                .orElseThrow();

        assertThat(analysis.shapeVersion()).isEqualTo(2);
        assertThat(analysis.model()).isEqualTo("clf-v2");
        assertThat(analysis.score()).isEqualByComparingTo("0.93");
        assertThat(analysis.scores()).containsExactlyInAnyOrderEntriesOf(
                Map.of("antisemitism", new BigDecimal("0.93"), "violence", new BigDecimal("0.12")));
        assertThat(analysis.labels()).containsExactly("antisemitism");
    }

    @Test
    void version2WithoutAnAntisemitismScoreHasNoHeadline() throws MalformedLegacyRow {
        assertThat(AnalysisMapper.map("{\"model\": \"m\", \"scores\": {\"violence\": 0.5}, \"labels\": []}")
                .orElseThrow().score()).isNull();
    }

    @Test
    void aNullScoreIsNoScore() throws MalformedLegacyRow {
        Analysis analysis = AnalysisMapper.map("{\"model\": \"clf-v2\", \"scores\": {\"violence\": null}}").orElseThrow();

        assertThat(analysis.scores()).isEmpty();
        assertThat(analysis.score()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "null", "  { }  "})
    void emptyAnalysisIsNone(String json) throws MalformedLegacyRow {
        assertThat(AnalysisMapper.map(json)).isEmpty();
    }

    @Test
    void missingAnalysisIsNone() throws MalformedLegacyRow {
        assertThat(AnalysisMapper.map(null)).isEmpty();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "[1, 2]                                  | ANALYSIS_NOT_AN_OBJECT",
            "\"antisemitic\"                         | ANALYSIS_NOT_AN_OBJECT",
            "{\"confidence\": 0.4}                   | ANALYSIS_UNKNOWN_SHAPE",
            "{\"score\": \"high\"}                   | ANALYSIS_BAD_TYPE",
            "{\"label\": 3}                          | ANALYSIS_BAD_TYPE",
            "{\"scores\": [0.1]}                     | ANALYSIS_BAD_TYPE",
            "{\"scores\": {\"a\": \"x\"}}            | ANALYSIS_BAD_TYPE",
            "{\"labels\": \"antisemitism\"}          | ANALYSIS_BAD_TYPE",
            "{\"labels\": [null]}                    | ANALYSIS_BAD_TYPE",
            "{not json                               | ANALYSIS_NOT_JSON",
    })
    void rejectsWhatNeitherShapeAllows(String json, String reason) {
        assertThatThrownBy(() -> AnalysisMapper.map(json))
                .isInstanceOf(MalformedLegacyRow.class)
                .extracting(e -> ((MalformedLegacyRow) e).reasonCode())
                .isEqualTo(reason);
    }
}
