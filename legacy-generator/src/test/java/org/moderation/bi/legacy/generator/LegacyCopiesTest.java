package org.moderation.bi.legacy.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * {@code legacy/} holds the project's copies of the legacy team's schema and README, so a clone works on its own.
 * {@code legacy/SHA256SUMS} records the checksums of the legacy team's files as they were copied: the copies must
 * match it in every clone, and so must the legacy team's own files wherever they are beside the clone
 * ({@code ../shared/legacy}). Nothing is skipped: without the legacy team's folder the copies are still checked, and
 * the test's output says which were.
 */
class LegacyCopiesTest {

    private static final Path COPIES = Path.of("..", "legacy");
    private static final Path SHARED = Path.of("..", "..", "shared", "legacy");
    private static final String UPDATE = "(from the repository's root) "
            + "cp ../shared/legacy/schema.sql ../shared/legacy/README.md legacy/ && "
            + "(cd legacy && sha256sum schema.sql README.md > SHA256SUMS)";

    @Test
    void theCopiesAndTheLegacyTeamsFilesWhereTheyAreBesideTheCloneAreTheOnesTheChecksumsRecord() throws Exception {
        Map<String, String> recorded = recordedChecksums();
        assertThat(recorded).containsOnlyKeys("schema.sql", "README.md");
        recorded.forEach((file, checksum) -> assertThat(sha256(COPIES.resolve(file)))
                .as("legacy/%s no longer matches legacy/SHA256SUMS. The copies must stay identical to the legacy team's "
                        + "files: undo the change, or, if their file changed, copy it and record it anew: %s", file, UPDATE)
                .isEqualTo(checksum));
        try (InputStream packaged = getClass().getClassLoader().getResourceAsStream(LegacySchema.RESOURCE)) {
            assertThat(packaged).as("classpath resource " + LegacySchema.RESOURCE).isNotNull();
            assertThat(sha256(packaged.readAllBytes())).as("the schema the generator packages")
                    .isEqualTo(recorded.get("schema.sql"));
        }

        if (!Files.isDirectory(SHARED)) {
            System.out.println("legacy team's files not beside this clone (" + SHARED.toAbsolutePath().normalize()
                    + "): the copies were checked against legacy/SHA256SUMS only");
            return;
        }
        recorded.forEach((file, checksum) -> assertThat(sha256(SHARED.resolve(file)))
                .as("%s changed since the project copied it (legacy/SHA256SUMS). Copy it and record it anew: %s; then "
                        + "check the migrator and the generator against the change", SHARED.resolve(file).normalize(), UPDATE)
                .isEqualTo(checksum));
        System.out.println("legacy team's files identical to the copies: " + SHARED.toAbsolutePath().normalize());
    }

    /** File name to checksum, in {@code sha256sum}'s format (so {@code sha256sum -c SHA256SUMS} checks them too). */
    private static Map<String, String> recordedChecksums() throws IOException {
        var checksums = new LinkedHashMap<String, String>();
        for (String line : Files.readAllLines(COPIES.resolve("SHA256SUMS"))) {
            String[] parts = line.split(" [ *]", 2);
            checksums.put(parts[1], parts[0]);
        }
        return checksums;
    }

    private static String sha256(Path file) {
        assertThat(file).as("legacy file").isRegularFile();
        try {
            return sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
