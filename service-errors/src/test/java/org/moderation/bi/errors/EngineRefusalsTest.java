package org.moderation.bi.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.moderation.bi.engine.Refusals;
import org.moderation.bi.engine.Refused;
import org.moderation.bi.shared.api.ApiError;

class EngineRefusalsTest {

    @ParameterizedTest
    @CsvSource({
        "TIMED_OUT, 503, query_timeout, within 1500 ms",
        "TOO_MANY_ROWS, 400, result_too_large, more than 10000 rows",
        "TOO_DEEP, 400, metric_too_deep, nest too deeply"})
    void eachRefusalIsItsStatusAndCodeInTheErrorShapeWithTheEnginesWords(Refused.Reason reason, int status,
            String code, String words) {
        var answer = new EngineRefusals().refused(Refusals.of(reason));

        assertThat(answer.getStatus()).isEqualTo(status);
        var body = (ApiError) answer.getEntity();
        assertThat(body.error()).isEqualTo(code);
        assertThat(body.message()).contains(words).doesNotContain("Exception", "SQL");
    }
}
