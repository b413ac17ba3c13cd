package org.moderation.bi.migrator.run;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;

import org.moderation.bi.shared.api.migration.ReconciliationView;

/**
 * What runs cost and produce, on {@code /q/metrics}: run duration and posts written per kind and outcome, failed
 * validation checks by name, what reconciliations repaired and why, and refused mass deletions. The state that
 * outlives a process (last audit, read-model age) is read from the database by {@code health/OperationalState}.
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

    public void reconciled(ReconciliationView view) {
        registry.timer("migrator.reconciliation.duration").record(Duration.ofMillis(Math.round(view.seconds() * 1000)));
        registry.counter("migrator.reconciliation.buckets.differing").increment(view.bucketsDiffering());
        registry.counter("migrator.reconciliation.posts.repaired", "reason", "missing").increment(view.postsMissing());
        registry.counter("migrator.reconciliation.posts.repaired", "reason", "stale").increment(view.postsStale());
        registry.counter("migrator.reconciliation.posts.repaired", "reason", "back").increment(view.postsBack());
        registry.counter("migrator.reconciliation.posts.repaired", "reason", "gone").increment(view.postsGone());
    }

    public void massDeleteRefused() {
        registry.counter("migrator.mass_delete.refusals").increment();
    }
}
