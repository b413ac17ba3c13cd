package org.moderation.bi.migrator.legacy;

import java.util.List;

/** The legacy database is not the schema the migrator was built for; nothing has been read. */
public class LegacySchemaMismatch extends RuntimeException {

    private final List<String> problems;

    public LegacySchemaMismatch(List<String> problems) {
        super("the legacy database does not match the expected legacy schema: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
