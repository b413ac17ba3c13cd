package org.moderation.bi.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** The rate {@link PersonRatesContract} checks: one request a second, three at once, a refusal held for a second. */
public class SmallPersonRate implements QuarkusTestResourceLifecycleManager {

    static final int BURST = 3;
    static final long HELD_MILLIS = 1000;

    @Override
    public Map<String, String> start() {
        return Map.of("moderation.http.person-rate.requests-a-second", "1",
                "moderation.http.person-rate.burst", String.valueOf(BURST),
                "moderation.http.person-rate.refusal-held-for", HELD_MILLIS + "MS");
    }

    @Override
    public void stop() {
    }
}
