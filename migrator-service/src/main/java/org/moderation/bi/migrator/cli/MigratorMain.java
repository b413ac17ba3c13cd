package org.moderation.bi.migrator.cli;

import jakarta.inject.Inject;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Without arguments the migrator runs as a service (with scheduled deltas and audits); with {@code run …} it runs
 * once and exits (for Kubernetes Jobs and operators). A one-shot run opens no HTTP port, schedules nothing and
 * needs no OIDC provider, so it can run beside the service.
 */
@QuarkusMain
public class MigratorMain implements QuarkusApplication {

    @Inject
    RunCommand command;

    public static void main(String... args) {
        if (args.length > 0) {
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("migrator.delta.cron", "off");
            System.setProperty("migrator.audit.cron", "off");
            System.setProperty("quarkus.oidc.tenant-enabled", "false");
        }
        Quarkus.run(MigratorMain.class, args);
    }

    @Override
    public int run(String... args) {
        if (args.length == 0) {
            Quarkus.waitForExit();
            return 0;
        }
        return command.execute(args);
    }
}
