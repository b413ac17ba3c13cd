package org.moderation.bi.dashboard.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** One person never holds every slot; a slot given back is anyone's again. */
class CallerSlotsTest {

    private final CallerSlots previews = new CallerSlots("previews", "too_many_previews", 1, 2, Duration.ofSeconds(5));

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
}
