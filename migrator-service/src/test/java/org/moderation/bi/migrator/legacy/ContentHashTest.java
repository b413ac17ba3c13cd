package org.moderation.bi.migrator.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.migrator.support.LegacyAndTargetDatabases;
import org.moderation.bi.migrator.support.TargetDatabase;

/**
 * The legacy side hashes content versions with {@link ContentHash}'s SQL; the target keeps its buckets with the
 * functions of V8. A difference would make every bucket differ: they must agree for any id and time.
 */
@QuarkusTest
@WithTestResource(LegacyAndTargetDatabases.class)
class ContentHashTest {

    @Test
    void theTargetsHashFunctionsAreContentHashs() throws Exception {
        String values = """
                (VALUES (1::bigint, 7::bigint, timestamptz '2021-03-04 05:06:07.891234+00'),
                        (9223372036854775::bigint, 1::bigint, timestamptz '1999-12-31 23:59:59.999999-08'),
                        (42, 123456789, timestamptz '2026-11-23 08:00:00+01'),
                        (5, 5, timestamptz '1970-01-01 00:00:00+00')) AS v(id, post_id, updated_at)""";
        String sql = "SELECT count(*) FROM " + values + " WHERE "
                + ContentHash.post("v.id", "v.updated_at") + " <> post_version_hash(v.id, v.updated_at) OR "
                + ContentHash.report("v.id", "v.post_id", "v.updated_at")
                + " <> report_version_hash(v.id, v.post_id, v.updated_at)";
        assertThat(TargetDatabase.count(sql)).as("values whose hashes differ").isZero();
        assertThat(TargetDatabase.count("SELECT count(DISTINCT post_version_hash(v.id, v.updated_at)) FROM " + values))
                .as("a hash that tells the values apart").isEqualTo(4);
    }
}
