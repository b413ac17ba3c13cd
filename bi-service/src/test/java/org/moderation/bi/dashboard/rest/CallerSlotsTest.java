package org.moderation.bi.dashboard.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * One person never holds every slot; a slot given back is anyone's again; nobody starts more than their share of a
 * minute.
 */
class CallerSlotsTest {

    private final CallerSlots previews = new CallerSlots("previews", "too_many_previews", 1, 2, 100,
            Duration.ofSeconds(5));

    @Test
    void aCallerHoldsAtMostTheirShareAndTheReplicaAtMostItsAll() {
        previews.take("ann");
        TooManyAtOnce again = catchThrowableOfType(TooManyAtOnce.class, () -> previews.take("ann"));
        assertThat(again.status()).isEqualTo(429);
        assertThat(again.error().error()).isEqualTo("too_many_previews");
        assertThat(again.error().message()).contains("you already have 1 previews running");
        assertThat(again.retryAfterSeconds()).isEqualTo(5);

        previews.take("bob");
        TooManyAtOnce full = catchThrowableOfType(TooManyAtOnce.class, () -> previews.take("cyd"));
        assertThat(full.error().message()).contains("as many previews as it may (2)");

        previews.release("ann");
        previews.take("cyd");
        assertThat(catchThrowableOfType(TooManyAtOnce.class, () -> previews.take("ann"))).isNotNull();
        previews.release("bob");
        previews.take("ann");
    }

    @Test
    void aCallerStartsNoMoreThanTheirShareOfAMinuteWhateverTheyFinish() {
        var exports = new CallerSlots("exports", "too_many_exports", 2, 8, 3, Duration.ofSeconds(10));
        for (int i = 0; i < 3; i++) {
            exports.take("ann");
            exports.release("ann");
        }
        TooManyAtOnce fourth = catchThrowableOfType(TooManyAtOnce.class, () -> exports.take("ann"));
        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.error().error()).isEqualTo("too_many_exports");
        assertThat(fourth.error().message()).startsWith("you started 3 exports within a minute");
        // One comes back every 20 s: the wait says so, not the concurrency cap's 10 s.
        assertThat(fourth.retryAfterSeconds()).isBetween(15L, 21L);

        exports.take("bob");
        exports.release("bob");
    }
}
