package org.moderation.bi.migrator.cli;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.logging.Logger;

import org.moderation.bi.errors.Causes;
import org.moderation.bi.migrator.legacy.LegacySchemaMismatch;
import org.moderation.bi.migrator.load.MassDeletionRefused;
import org.moderation.bi.migrator.load.NoCompletedLoad;
import org.moderation.bi.migrator.persistence.RunInProgress;
import org.moderation.bi.migrator.readmodel.HeadlineNumbers;
import org.moderation.bi.migrator.readmodel.ReadModelService;
import org.moderation.bi.migrator.run.MigrationRunner;
import org.moderation.bi.migrator.run.RunKind;
import org.moderation.bi.migrator.run.RunResult;
import org.moderation.bi.migrator.stream.StreamCommands;
import org.moderation.bi.shared.api.migration.RebuildView;

/**
 * {@code run full|delta|reconcile|audit [--allow-mass-delete]}: one run; exit 0 when validation passed, 2 when it
 * failed, 1 on error (a refused mass deletion included), 64 on a usage mistake. {@code run rebuild-read-model}: the
 * read model recomputed from its rules. {@code migrate}: only the schema migrations (Flyway runs them at start-up).
 * {@code stream status|pause|resume [--allow-mass-delete]|recreate-slot|drop-slot}: the stream of legacy changes; a
 * recreated slot is followed by a reconciliation, so that what the stream missed is repaired at once.
 */
@ApplicationScoped
public class RunCommand {

    static final int PASSED = 0;
    static final int ERROR = 1;
    static final int VALIDATION_FAILED = 2;
    static final int USAGE = 64;

    private static final Logger LOG = Logger.getLogger(RunCommand.class);
    private static final String ALLOW_MASS_DELETE = "--allow-mass-delete";
    private static final List<String> STREAM_COMMANDS = List.of("status", "pause", "resume", "recreate-slot",
            "drop-slot");
    private static final String USAGE_TEXT = """
            usage: migrator run full|delta|reconcile|audit [--allow-mass-delete]
                   migrator run rebuild-read-model
                   migrator stream status|pause|resume [--allow-mass-delete]|recreate-slot|drop-slot
                   migrator migrate""";

    private final MigrationRunner runner;
    private final ReadModelService readModel;
    private final HeadlineNumbers headline;
    private final StreamCommands stream;
    private final ObjectMapper json;

    public RunCommand(MigrationRunner runner, ReadModelService readModel, HeadlineNumbers headline,
            StreamCommands stream, ObjectMapper json) {
        this.runner = runner;
        this.readModel = readModel;
        this.headline = headline;
        this.stream = stream;
        this.json = json;
    }

    public int execute(String... args) {
        var words = new ArrayList<>(List.of(args));
        boolean allowMassDelete = words.remove(ALLOW_MASS_DELETE);
        if (words.equals(List.of("migrate")) && !allowMassDelete) {
            System.out.println("target schema is up to date");
            return PASSED;
        }
        if (words.equals(List.of("run", "rebuild-read-model")) && !allowMassDelete) {
            return rebuild();
        }
        if (words.size() == 2 && words.getFirst().equals("stream")
                && (allowMassDelete ? words.get(1).equals("resume") : STREAM_COMMANDS.contains(words.get(1)))) {
            return stream(words.get(1), allowMassDelete);
        }
        Optional<RunKind> kind = words.size() == 2 && words.getFirst().equals("run") ? RunKind.of(words.get(1))
                : Optional.empty();
        if (kind.isEmpty()) {
            System.err.println(USAGE_TEXT);
            return USAGE;
        }
        return run(kind.get(), allowMassDelete);
    }

    private int run(RunKind kind, boolean allowMassDelete) {
        try {
            RunResult result = runner.complete(runner.begin(kind, allowMassDelete));
            System.out.println(result.countsLine());
            System.out.println(result.validation().render());
            System.out.println(headline.render());
            return result.validation().passed() ? PASSED : VALIDATION_FAILED;
        } catch (LegacySchemaMismatch e) {
            return fail("the legacy database is not the expected schema:\n  - " + String.join("\n  - ", e.problems()), e);
        } catch (RunInProgress e) {
            return fail("another migration run is in progress; nothing was done", e);
        } catch (NoCompletedLoad | MassDeletionRefused e) {
            return fail(e.getMessage(), e);
        } catch (SQLException | RuntimeException e) {
            return fail("the run failed: " + Causes.inOneLine(e), e);
        }
    }

    private int stream(String command, boolean allowMassDelete) {
        try {
            switch (command) {
                case "pause" -> stream.pause();
                case "resume" -> stream.resume(allowMassDelete);
                case "drop-slot" -> System.out.println(stream.dropSlot() ? "slot dropped" : "there was no slot");
                case "recreate-slot" -> {
                    System.out.println("slot recreated at " + stream.recreateSlot() + "; the stream is not live until "
                            + "a reconciliation that starts now has run: reconciling");
                    return run(RunKind.RECONCILE, false);
                }
                default -> {
                    // status: below
                }
            }
            System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(stream.view()));
            return PASSED;
        } catch (RunInProgress e) {
            return fail("a migration run is in progress; nothing was done", e);
        } catch (StreamCommands.SlotInUse e) {
            return fail(e.getMessage(), e);
        } catch (SQLException | IOException | RuntimeException e) {
            return fail("the stream command failed: " + Causes.inOneLine(e), e);
        }
    }

    private int rebuild() {
        try {
            RebuildView rebuild = readModel.rebuild();
            System.out.printf("read model rebuilt in %.1f s: %,d rows differed from the kept read model%n",
                    rebuild.durationMs() / 1000.0, rebuild.rowsChanged());
            return PASSED;
        } catch (RunInProgress e) {
            return fail("a migration run is in progress; nothing was done", e);
        } catch (SQLException | RuntimeException e) {
            return fail("the rebuild failed: " + Causes.inOneLine(e), e);
        }
    }

    private static int fail(String message, Exception e) {
        LOG.debug("run failed", e);
        System.err.println(message);
        return ERROR;
    }
}
