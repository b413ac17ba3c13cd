package org.moderation.bi.shared.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The same texts as the page's format.js (DashboardBrowserTest reads those off the page). */
class UnitTextTest {

    @Test
    void eachUnitReadsAsThePageWritesIt() {
        assertThat(UnitText.of(0.1026, "ratio")).isEqualTo("10.3 %");
        assertThat(UnitText.of(0.357, "percent")).isEqualTo("35.7 %");
        assertThat(UnitText.of(12345.0, "count")).isEqualTo("12,345");
        assertThat(UnitText.of(1.4321, "count")).isEqualTo("1.43");
        assertThat(UnitText.of(90.0, "duration")).isEqualTo("90 s");
        assertThat(UnitText.of(2700.0, "duration")).isEqualTo("45 min");
        assertThat(UnitText.of(9000.0, "duration")).isEqualTo("2.5 h");
        assertThat(UnitText.of(276480.0, "duration")).isEqualTo("3.2 days");
        assertThat(UnitText.of(null, "ratio")).isEqualTo("–");
    }

    @Test
    void aChangeOfAFractionIsInPercentagePoints() {
        assertThat(UnitText.change(-0.085, "ratio")).isEqualTo("−8.5 pts");
        assertThat(UnitText.change(12.0, "count")).isEqualTo("+12");
        assertThat(UnitText.change(-5400.0, "duration")).isEqualTo("−90 min");
        assertThat(UnitText.relative(0.043)).isEqualTo("+4.3 %");
    }
}
