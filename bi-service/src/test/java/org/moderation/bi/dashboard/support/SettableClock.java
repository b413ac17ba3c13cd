package org.moderation.bi.dashboard.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/** The service's clock in the tests: the system's until a test sets it, and again once it is reset. */
@Alternative
@Priority(1)
@Singleton
public class SettableClock extends Clock {

    private volatile Instant setTo;

    public void set(Instant instant) {
        setTo = instant;
    }

    public void reset() {
        setTo = null;
    }

    @Override
    public Instant instant() {
        Instant instant = setTo;
        return instant != null ? instant : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }
}
