package org.moderation.bi.errors;

import java.time.Duration;
import java.util.Set;

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

    /** How fast one person may ask ({@link PersonRates}). */
    PersonRate personRate();

    /**
     * A person is a token's subject; each replica counts on its own, so behind N replicas a person may ask up to N
     * times this (the ingress's own limit per client bounds the whole).
     */
    interface PersonRate {

        /** Requests a second one person may send, on average, to this replica. */
        @WithDefault("20")
        int requestsASecond();

        /** Requests one person may send at once beyond the average: a page that asks for its panels together. */
        @WithDefault("100")
        int burst();

        /**
         * How long a refusal for asking too fast is held before it is answered, holding no thread: a client that
         * asks again as soon as it is refused then asks at most once per connection this often.
         */
        @WithDefault("1S")
        Duration refusalHeldFor();

        /** Refusals held at once in this replica; beyond them a refusal is answered at once. */
        @WithDefault("1000")
        int refusalsHeldAtMost();

        /**
         * The OIDC clients (a token's {@code azp}) whose tokens are not metered: services that call on their own
         * behalf, such as bi-service's alert evaluator reading every rule from the catalog after a restart. A person
         * cannot get a token of such a client without its secret.
         */
        @WithDefault("bi-alerts-evaluator")
        Set<String> unmeteredClients();
    }
}
