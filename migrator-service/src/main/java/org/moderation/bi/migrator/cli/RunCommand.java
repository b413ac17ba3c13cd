package org.moderation.bi.migrator.cli;

import java.sql.SQLException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import org.moderation.bi.migrator.legacy.LegacySchemaMismatch;
import org.moderation.bi.migrator.load.FullLoad;
import org.moderation.bi.migrator.load.RunResult;
import org.moderation.bi.migrator.readmodel.HeadlineNumbers;
import org.moderation.bi.migrator.run.RunInProgress;

/**
 * {@code run full}: exit 0 when validation passed, 2 when it failed, 1 on error, 64 on a usage mistake.
 * {@code migrate}: only the schema migrations (Flyway runs them at start-up), then exit 0.
 */
@ApplicationScoped
public class RunCommand {

    static final int PASSED = 0;
    static final int ERROR = 1;
    static final int VALIDATION_FAILED = 2;
    static final int USAGE = 64;

    private static final Logger LOG = Logger.getLogger(RunCommand.class);
    private static final String USAGE_TEXT = "usage: migrator run full | migrator migrate";

    private final FullLoad fullLoad;
    private final HeadlineNumbers headline;

    public RunCommand(FullLoad fullLoad, HeadlineNumbers headline) {
        this.fullLoad = fullLoad;
        this.headline = headline;
    }

    public int execute(String... args) {
        if (List.of(args).equals(List.of("migrate"))) {
            System.out.println("target schema is up to date");
            return PASSED;
        }
        if (!List.of(args).equals(List.of("run", "full"))) {
            System.err.println(USAGE_TEXT);
            return USAGE;
        }
        try {
            RunResult result = fullLoad.run();
            System.out.println(result.validation().render());
            System.out.println(headline.render());
            return result.validation().passed() ? PASSED : VALIDATION_FAILED;
        } catch (LegacySchemaMismatch e) {
            return fail("the legacy database is not the expected schema:\n  - " + String.join("\n  - ", e.problems()), e);
        } catch (RunInProgress e) {
            return fail("another migration run is in progress; nothing was done", e);
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
