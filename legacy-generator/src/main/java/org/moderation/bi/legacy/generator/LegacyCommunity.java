package org.moderation.bi.legacy.generator;

import java.time.Instant;

/** A row of {@code communities}. */
record LegacyCommunity(int id, String name, String slug, Instant createdAt) {

    static final String COPY_SQL = "COPY communities (id, name, slug, created_at) FROM STDIN WITH (FORMAT csv)";

    void writeCsv(CsvBuffer csv) {
        csv.number(id).text(name).text(slug).timestamp(createdAt).endRow();
    }
}
