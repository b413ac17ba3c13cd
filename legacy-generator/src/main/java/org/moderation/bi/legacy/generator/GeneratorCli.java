package org.moderation.bi.legacy.generator;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/** Command line entry point: generates a legacy database or applies a day of activity to one. */
public final class GeneratorCli {

    static final int OK = 0;
    static final int ERROR = 1;
    /** BSD sysexits EX_USAGE. */
    static final int USAGE = 64;

    static final String USAGE_TEXT = """
            usage:
              generate --url JDBC_URL [--user U] [--password P] [--posts N] [--seed S] [--now ISO_INSTANT] [--recreate]
              mutate   --url JDBC_URL [--user U] [--password P] [--seed S] [--now ISO_INSTANT]
            options:
              --posts     number of posts to generate (default 13914)
              --seed      random seed (default 42); the same seed and --now give identical data
              --now       end of the generated timeline (default: today 00:00 UTC; mutate: the current time)
              --recreate  drop and re-create the legacy schema first; without it generate refuses a non-empty database
              --verbose   print stack traces of errors
            the password may also come from the LEGACY_PASSWORD environment variable""";

    private GeneratorCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs one command and returns the process exit code: 0 ok, 1 error, 64 bad usage. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        CliArguments cli;
        try {
            cli = CliArguments.parse(List.of(args));
        } catch (CliArguments.UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        if (cli.command().equals("help") || cli.flag("help")) {
            out.println(USAGE_TEXT);
            return OK;
        }
        try {
            String summary = cli.command().equals(CliArguments.GENERATE) ? generate(cli, env) : mutate(cli, env);
            out.println(summary);
            return OK;
        } catch (CliArguments.UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        } catch (SQLException | RuntimeException e) {
            err.println("error: " + describe(e));
            if (cli.flag("verbose")) {
                e.printStackTrace(err);
            }
            return ERROR;
        }
    }

    private static String generate(CliArguments cli, Map<String, String> env)
            throws CliArguments.UsageException, SQLException {
        GeneratorOptions defaults = GeneratorOptions.defaults();
        GeneratorOptions options;
        try {
            options = new GeneratorOptions(cli.longValue("seed", defaults.seed()),
                    cli.positiveInt("posts", defaults.posts()), cli.instant("now", defaults.now()));
        } catch (IllegalArgumentException e) {
            throw new CliArguments.UsageException(e.getMessage());
        }
        long started = System.nanoTime();
        try (Connection c = connect(cli, env)) {
            if (cli.flag("recreate")) {
                LegacySchema.drop(c);
                LegacySchema.create(c);
            } else if (!LegacySchema.exists(c)) {
                LegacySchema.create(c);
            } else {
                long posts = count(c, "posts");
                if (posts > 0) {
                    throw new IllegalStateException("the legacy database already has " + posts
                            + " posts; pass --recreate to drop and re-create the legacy schema");
                }
            }
            GenerationSummary s = new LegacyGenerator().generate(c, options);
            return String.format(Locale.ROOT,
                    "generated %d communities, %d users, %d posts, %d reports (seed %d, now %s) in %.1f s",
                    s.communities(), s.users(), s.posts(), s.reports(), options.seed(), options.now(),
                    seconds(started));
        }
    }

    private static String mutate(CliArguments cli, Map<String, String> env)
            throws CliArguments.UsageException, SQLException {
        long seed = cli.longValue("seed", GeneratorOptions.DEFAULT_SEED);
        Instant now = cli.instant("now", Instant.now().truncatedTo(ChronoUnit.SECONDS));
        long started = System.nanoTime();
        try (Connection c = connect(cli, env)) {
            if (!LegacySchema.exists(c)) {
                throw new IllegalStateException("no legacy schema at " + cli.text("url") + ": run generate first");
            }
            ActivitySummary s = new ActivityDay(first -> connect(cli, env)).apply(c, seed, now);
            return String.format(Locale.ROOT, "mutated: %d posts inserted, %d updated, %d deleted; "
                            + "%d reports inserted, %d updated; late commit on post %d (seed %d, now %s) in %.1f s",
                    s.insertedPostIds().size(), s.updatedPostIds().size(), s.deletedPostIds().size(),
                    s.insertedReportIds().size(), s.updatedReportIds().size(), s.lateCommitPostId(), seed, now,
                    seconds(started));
        }
    }

    private static Connection connect(CliArguments cli, Map<String, String> env) throws SQLException {
        Properties props = new Properties();
        if (cli.text("user") != null) {
            props.setProperty("user", cli.text("user"));
        }
        String password = cli.text("password") != null ? cli.text("password") : env.get("LEGACY_PASSWORD");
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(cli.text("url"), props);
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static String describe(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e instanceof SQLException sql && sql.getSQLState() != null
                ? message + " (SQLSTATE " + sql.getSQLState() + ")" : message;
    }
}
