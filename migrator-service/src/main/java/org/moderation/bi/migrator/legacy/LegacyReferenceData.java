package org.moderation.bi.migrator.legacy;

import java.time.OffsetDateTime;
import java.util.List;

/** The small legacy tables read whole at the start of every run. */
public record LegacyReferenceData(List<Community> communities, List<User> users) {

    public record Community(long id, String name, String slug, OffsetDateTime createdAt) {
    }

    public record User(long id, String email, String displayName, String role, Integer communityId,
            OffsetDateTime createdAt) {
    }
}
