package org.moderation.bi.migrator.cli;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

import org.moderation.bi.errors.RequestTargets;

/**
 * Without arguments the migrator runs as a service (streaming legacy changes, with scheduled deltas and audits); with
 * {@code run …} or {@code stream …} it runs once and exits (for Kubernetes Jobs and operators). A one-shot run opens
 * no HTTP port, schedules nothing, consumes no stream and needs no OIDC provider, so it can run beside the service.
 */
@QuarkusMain
public class MigratorMain implements QuarkusApplication {

    private static final Logger LOG = Logger.getLogger(MigratorMain.class);

    @Inject
    RunCommand command;

    public static void main(String... args) {
        RequestTargets.refuseInTheErrorShape();
        if (args.length > 0) {
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("migrator.delta.cron", "off");
            System.setProperty("migrator.audit.cron", "off");
            // A one-shot command may create the slot before a full load reads, but the service consumes the stream.
            System.setProperty("migrator.stream.consume", "false");
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
        long began = System.nanoTime();
        int exitCode = command.execute(args);
        // What the command itself took, apart from the JVM's and the application's start and stop around it.
        LOG.infof("%s took %.3f s once the application had started (exit code %d)", String.join(" ", args),
                (System.nanoTime() - began) / 1e9, exitCode);
        return exitCode;
    }
}
