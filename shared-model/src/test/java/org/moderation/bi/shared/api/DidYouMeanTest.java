package org.moderation.bi.shared.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class DidYouMeanTest {

    private static final List<String> SLUGS = List.of("berlin-online-watch", "vienna-monitoring", "vienna-monitors",
            "vienna-monitory");

    @Test
    void caseAndSeparatorsAreSetAside() {
        assertThat(DidYouMean.closest("Berlin_Online_Watch", SLUGS)).contains("berlin-online-watch");
        assertThat(DidYouMean.closest("Telegram", List.of("x", "telegram"))).contains("telegram");
    }

    @Test
    void aSlipOfTwoEditsIsTheOnlyNearOne() {
        assertThat(DidYouMean.closest("berlin-onlin-wach", SLUGS)).contains("berlin-online-watch");
        assertThat(DidYouMean.closest("telgram", List.of("telegram", "x"))).contains("telegram");
    }

    @Test
    void nothingIsSuggestedWhenTwoAreAsNearOrNoneIsNear() {
        assertThat(DidYouMean.closest("vienna-monitorz", SLUGS)).isEmpty();
        assertThat(DidYouMean.closest("paris", SLUGS)).isEmpty();
    }
}
