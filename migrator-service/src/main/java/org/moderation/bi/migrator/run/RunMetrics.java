package org.moderation.bi.migrator.run;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * What runs cost and produce, on {@code /q/metrics}: run duration and posts written per kind and outcome, failed
 * validation checks by name, and how long read-model refreshes take.
 */
@ApplicationScoped
public class RunMetrics {

    private final MeterRegistry registry;

    RunMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void runFinished(RunKind kind, RunStatus status, Duration took, long postsWritten, long postsQuarantined) {
        registry.timer("migrator.run.duration", "kind", kind.code(), "status", status.code()).record(took);
        registry.counter("migrator.run.posts.written", "kind", kind.code()).increment(postsWritten);
        registry.counter("migrator.run.posts.quarantined", "kind", kind.code()).increment(postsQuarantined);
    }

    public void validationFailed(String check) {
        registry.counter("migrator.validation.failures", "check", check).increment();
    }

    public void readModelRefreshed(Duration took, boolean concurrent) {
        registry.timer("migrator.read_model.refresh.duration", "concurrent", String.valueOf(concurrent)).record(took);
    }
}
