package org.moderation.bi.dashboard.scope;

import java.util.List;

/** What a caller's token said of their scope, fired (synchronously) each time a request's scope is resolved. */
public record CallerClaims(String subject, boolean superadmin, List<String> communities) {

    public CallerClaims {
        communities = communities.stream().sorted().distinct().toList();
    }
}
