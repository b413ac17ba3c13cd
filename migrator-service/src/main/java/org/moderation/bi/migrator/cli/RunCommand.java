package org.moderation.bi.migrator.cli;

import java.sql.SQLException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import org.moderation.bi.migrator.legacy.LegacySchemaMismatch;
import org.moderation.bi.migrator.load.MigrationRunner;
import org.moderation.bi.migrator.load.NoCompletedLoad;
import org.moderation.bi.migrator.load.RunResult;
import org.moderation.bi.migrator.readmodel.HeadlineNumbers;
import org.moderation.bi.migrator.run.RunInProgress;
import org.moderation.bi.migrator.run.RunKind;

/**
 * {@code run full} / {@code run delta}: one run; exit 0 when validation passed, 2 when it failed, 1 on error,
 * 64 on a usage mistake. {@code migrate}: only the schema migrations (Flyway runs them at start-up), then exit 0.
 */
@ApplicationScoped
public class RunCommand {

    static final int PASSED = 0;
    static final int ERROR = 1;
    static final int VALIDATION_FAILED = 2;
    static final int USAGE = 64;

    private static final Logger LOG = Logger.getLogger(RunCommand.class);
    private static final String USAGE_TEXT = "usage: migrator run full | migrator run delta | migrator migrate";

    private final MigrationRunner runner;
    private final HeadlineNumbers headline;

    public RunCommand(MigrationRunner runner, HeadlineNumbers headline) {
        this.runner = runner;
        this.headline = headline;
    }

    public int execute(String... args) {
        if (List.of(args).equals(List.of("migrate"))) {
            System.out.println("target schema is up to date");
            return PASSED;
        }
        RunKind kind = args.length == 2 && args[0].equals("run") ? switch (args[1]) {
            case "full" -> RunKind.FULL;
            case "delta" -> RunKind.DELTA;
            default -> null;
        } : null;
        if (kind == null) {
            System.err.println(USAGE_TEXT);
            return USAGE;
        }
        try {
            RunResult result = runner.run(kind);
            System.out.println(result.validation().render());
            System.out.println(headline.render());
            return result.validation().passed() ? PASSED : VALIDATION_FAILED;
        } catch (LegacySchemaMismatch e) {
            return fail("the legacy database is not the expected schema:\n  - " + String.join("\n  - ", e.problems()), e);
        } catch (RunInProgress e) {
            return fail("another migration run is in progress; nothing was done", e);
        } catch (NoCompletedLoad e) {
            return fail(e.getMessage(), e);
        } catch (SQLException | RuntimeException e) {
            return fail("the run failed: " + causes(e), e);
        }
    }

    private static int fail(String message, Exception e) {
        LOG.debug("run failed", e);
        System.err.println(message);
        return ERROR;
    }

    /** The chain of causes in one line: "could not connect" alone says too little. */
    static String causes(Throwable e) {
        var text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }
}
