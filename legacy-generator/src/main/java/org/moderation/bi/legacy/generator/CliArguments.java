package org.moderation.bi.legacy.generator;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The command line of {@link GeneratorCli}: one command, then {@code --name value} options and flags. */
final class CliArguments {

    /** Thrown for anything the user typed wrong; the CLI answers it with the usage text and exit code 64. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static final String GENERATE = "generate";
    static final String MUTATE = "mutate";
    private static final Set<String> FLAGS = Set.of("recreate", "verbose", "help");
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            GENERATE, Set.of("url", "user", "password", "posts", "seed", "now", "recreate", "verbose", "help"),
            MUTATE, Set.of("url", "user", "password", "seed", "now", "verbose", "help"));

    private final String command;
    private final Map<String, String> options;

    private CliArguments(String command, Map<String, String> options) {
        this.command = command;
        this.options = options;
    }

    static CliArguments parse(List<String> args) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException("no command given");
        }
        String command = args.get(0);
        if (command.equals("--help") || command.equals("-h") || command.equals("help")) {
            return new CliArguments("help", Map.of());
        }
        Set<String> allowed = ALLOWED.get(command);
        if (allowed == null) {
            throw new UsageException("unknown command '" + command + "'");
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (!allowed.contains(name)) {
                throw new UsageException("unknown option --" + name + " for " + command);
            }
            if (FLAGS.contains(name)) {
                if (value != null) {
                    throw new UsageException("--" + name + " takes no value");
                }
                value = "true";
            } else if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("--" + name + " needs a value");
                }
                value = args.get(++i);
            }
            if (options.put(name, value) != null) {
                throw new UsageException("--" + name + " given twice");
            }
        }
        CliArguments parsed = new CliArguments(command, options);
        if (!parsed.flag("help") && parsed.text("url") == null) {
            throw new UsageException("--url is required");
        }
        return parsed;
    }

    String command() {
        return command;
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    String text(String name) {
        return options.get(name);
    }

    long longValue(String name, long fallback) throws UsageException {
        String value = options.get(name);
        try {
            return value == null ? fallback : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, was '" + value + "'");
        }
    }

    int positiveInt(String name, int fallback) throws UsageException {
        long value = longValue(name, fallback);
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw new UsageException("--" + name + " must be between 1 and " + Integer.MAX_VALUE + ", was " + value);
        }
        return (int) value;
    }

    Instant instant(String name, Instant fallback) throws UsageException {
        String value = options.get(name);
        try {
            return value == null ? fallback : Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new UsageException("--" + name + " must be an ISO instant like 2026-01-31T00:00:00Z, was '"
                    + value + "'");
        }
    }
}
