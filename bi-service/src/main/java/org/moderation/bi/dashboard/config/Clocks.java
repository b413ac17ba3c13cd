package org.moderation.bi.dashboard.config;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The clock an answer is given by: what "so far" means when it is shown (a bucket that has not ended at the request is
 * partial, even in an answer kept from earlier). The tests set it.
 */
public class Clocks {

    @Produces
    @Singleton
    Clock requestClock() {
        return Clock.systemUTC();
    }
}
