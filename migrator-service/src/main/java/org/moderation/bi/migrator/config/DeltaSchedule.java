package org.moderation.bi.migrator.config;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;


/**
 * How often scheduled deltas poll the legacy database, from {@code migrator.delta.cron} (Quartz syntax, as the
 * scheduler reads it): what a page says about its numbers' freshness when the stream is not live.
 */
@ApplicationScoped
public class DeltaSchedule {

    private final Optional<Duration> period;

    public DeltaSchedule(MigratorConfig config) {
        this.period = period(config.delta().cron());
    }

    /** The time between two scheduled deltas; empty when they are off. */
    public Optional<Duration> period() {
        return period;
    }

    static Optional<Duration> period(String cron) {
        if ("off".equalsIgnoreCase(cron.trim())) {
            return Optional.empty();
        }
        var schedule = ExecutionTime.forCron(
                new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ)).parse(cron));
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        return schedule.nextExecution(now).flatMap(first -> schedule.nextExecution(first)
                .map(second -> Duration.between(first, second)));
    }
}
