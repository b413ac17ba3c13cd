package org.moderation.bi.dashboard.support;

import java.util.List;

/** Strings an attacker would try where a name or a value is expected. */
public final class Hostile {

    public static final List<String> STRINGS = List.of(
            "'; DROP TABLE submissions; --",
            "id; DROP TABLE communities",
            "platform; DELETE FROM mv_submission_facts",
            "(SELECT count(*) FROM pg_roles)",
            "platform) UNION SELECT rolpassword FROM pg_authid --",
            "platform/**/OR/**/1=1",
            "platform --",
            "$$; DROP SCHEMA public CASCADE; $$",
            "E'\\x27'; SELECT pg_sleep(10)",
            "pl\u0430tform",          // Cyrillic a
            "\uFF50latform",          // full-width p
            "plat\u200Bform",         // zero-width space
            "platform\u0000",
            "PLATFORM",
            "\"platform\"",
            "community_slug",
            "count(*)",
            "pg_sleep(10)",
            "1=1",
            "day'); DROP TABLE reports; --",
            "../../etc/passwd",
            "%00",
            "x".repeat(5000));

    private Hostile() {
    }
}
