package org.moderation.bi.errors;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What one request may cost a service before a resource runs, the same in all three services. Each is below the
 * HTTP decoder's own ceiling ({@code quarkus.http.limits.*}, META-INF/microprofile-config.properties), so a request
 * over it is still parsed and can be refused in the shared error shape: the decoder's refusals carry no body.
 */
@ConfigMapping(prefix = "moderation.http")
public interface HttpLimits {

    /**
     * How long a request body may take to arrive, from the end of its headers. Bodies are read on the I/O thread,
     * never by a worker waiting on the socket; one still incomplete after this is answered 408 and its connection
     * closed, so a slow or stalled sender holds a little memory for a bounded time and no thread at all.
     */
    @WithDefault("10S")
    Duration bodyTimeout();

    /** The longest request target (path and query) answered; a longer one is a 414. */
    @WithDefault("8K")
    MemorySize maxUriLength();

    /** The most header bytes (names and values) a request may carry; more is a 431. */
    @WithDefault("20K")
    MemorySize maxHeaderSize();
}
