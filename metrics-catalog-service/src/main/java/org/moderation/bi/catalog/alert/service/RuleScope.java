package org.moderation.bi.catalog.alert.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.moderation.bi.shared.alerts.AlertRuleDefinition;
import org.moderation.bi.shared.api.ApiException;

/**
 * Which alert rules a caller may write and see: a superadmin every rule; a community manager only rules that name
 * their communities, every one of them within the token's {@code communities} claim as it is now (for every version of
 * a rule they see: the catalog's query). Made from the token on every request, never kept: a manager who loses a
 * community loses its rules at their next request.
 */
public record RuleScope(boolean everyCommunity, Set<String> communities) {

    public RuleScope {
        communities = Set.copyOf(communities);
    }

    public static RuleScope superadmin() {
        return new RuleScope(true, Set.of());
    }

    public static RuleScope of(Collection<String> communities) {
        return new RuleScope(false, Set.copyOf(communities));
    }

    /** Refuses (403, naming them) a rule about communities outside the scope, or about every community. */
    public void requireWritable(AlertRuleDefinition rule) {
        if (everyCommunity || rule == null) {
            return;
        }
        if (rule.communities().isEmpty()) {
            throw new ApiException(403, "out_of_scope", "a community manager's rule names the communities it watches, "
                    + "among theirs: " + yours(), List.of("$.communities"));
        }
        var outside = new ArrayList<String>();
        var details = new ArrayList<String>();
        for (int i = 0; i < rule.communities().size(); i++) {
            String slug = rule.communities().get(i);
            if (slug != null && !communities.contains(slug) && !outside.contains(slug)) {
                outside.add(slug);
                details.add("$.communities[" + i + "]: " + slug + " is not among the communities of your token");
            }
        }
        if (!outside.isEmpty()) {
            throw new ApiException(403, "out_of_scope", (outside.size() == 1 ? "community " : "communities ")
                    + String.join(", ", outside) + (outside.size() == 1 ? " is" : " are") + " not among yours: "
                    + yours(), details);
        }
    }

    private String yours() {
        return communities.isEmpty() ? "none (the token names no community)" : String.join(", ",
                communities.stream().sorted().toList());
    }
}
