package org.moderation.bi.dashboard.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.quarkus.runtime.StartupEvent;

import org.moderation.bi.dashboard.freshness.ReadModelFreshness;

/** Latency histograms per endpoint (so p95/p99 can be computed across pods) and the read model's age as a gauge. */
@Singleton
public class Observability {

    @Produces
    @Singleton
    MeterFilter endpointLatencyHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return id.getName().equals("http.server.requests")
                        ? DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config)
                        : config;
            }
        };
    }

    void readModelAge(@jakarta.enterprise.event.Observes StartupEvent start, MeterRegistry registry,
            ReadModelFreshness freshness) {
        registry.gauge("bi.read_model.age.seconds", freshness, f -> {
            Long age = f.freshness().ageSeconds();
            return age == null ? Double.NaN : age;
        });
        // Never verified is infinitely long ago, so the alert's threshold catches it.
        registry.gauge("bi.read_model.verified.age.seconds", freshness, f -> {
            Long age = f.freshness().verifiedAgeSeconds();
            return age == null ? Double.POSITIVE_INFINITY : age;
        });
    }
}
