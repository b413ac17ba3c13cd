package org.moderation.bi.dashboard.config;

import io.micrometer.core.instrument.MeterRegistry;

/** The meters of a cache this service keeps ({@code cache_gets_total{cache="NAME"}} and the like). */
public final class CacheMeters {

    private CacheMeters() {
    }

    /**
     * Removes a cache's meters when the cache goes: the registry outlives the application (a restart in the same JVM,
     * as the tests do), and would otherwise keep counting this instance's cache under the next one's name.
     */
    public static void unbind(MeterRegistry registry, String cache) {
        registry.getMeters().stream().filter(meter -> cache.equals(meter.getId().getTag("cache")))
                .forEach(registry::remove);
    }
}
