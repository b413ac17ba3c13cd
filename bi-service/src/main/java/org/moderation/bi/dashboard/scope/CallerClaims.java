package org.moderation.bi.dashboard.scope;

import java.time.Instant;
import java.util.List;

/**
 * What a caller's token said of their scope, fired (synchronously) each time a request's scope is resolved.
 *
 * @param issuedAt the token's {@code iat} (null without one): of two tokens of a person, the newer one speaks
 */
public record CallerClaims(String subject, boolean superadmin, List<String> communities, Instant issuedAt) {

    public CallerClaims {
        communities = communities.stream().sorted().distinct().toList();
    }

    /** Whether both say the same of the person's scope, whenever issued. */
    public boolean sameScope(CallerClaims other) {
        return other != null && subject.equals(other.subject) && superadmin == other.superadmin
                && communities.equals(other.communities);
    }
}
