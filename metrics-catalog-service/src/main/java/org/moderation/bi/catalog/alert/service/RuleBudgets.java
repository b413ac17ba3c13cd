package org.moderation.bi.catalog.alert.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import org.moderation.bi.catalog.alert.persistence.AlertRuleRepository;
import org.moderation.bi.catalog.config.CatalogConfig;
import org.moderation.bi.shared.api.ApiException;

/**
 * The rule budgets ({@code catalog.alert-rules}): the rules that are not deprecated a community manager holds (those
 * they created) and a community holds (those a version of which watches it). Checked after the write that makes a rule
 * count where it did not, in its transaction, which a refusal rolls back: what is counted is what is stored. A 409,
 * not a 429: waiting changes nothing, deprecating a rule (the state the request conflicts with) does.
 */
@ApplicationScoped
public class RuleBudgets {

    private static final String ERROR = "rule_budget_exceeded";

    private final AlertRuleRepository rules;
    private final CatalogConfig config;

    RuleBudgets(AlertRuleRepository rules, CatalogConfig config) {
        this.rules = rules;
        this.config = config;
    }

    /**
     * Refuses a rule just written that takes {@code owner} (a community manager whose rules grew by one; null: no
     * one's did) past their budget, or one of its {@code communities} not among those it {@code counted} for before
     * past the community's.
     */
    void requireRoom(String owner, List<String> communities, Collection<String> counted) {
        List<String> added = communities.stream().filter(Objects::nonNull).filter(c -> !counted.contains(c))
                .distinct().toList();
        if (owner == null && added.isEmpty()) {
            return;
        }
        rules.lockBudgets();
        int perPerson = config.alertRules().perPerson();
        if (owner != null && rules.heldBy(owner) > perPerson) {
            throw new ApiException(409, ERROR, "you have reached your budget of " + perPerson + " alert rules (those "
                    + "not deprecated); deprecate one you no longer need to make room (a draft: publish it, then "
                    + "deprecate it)");
        }
        int perCommunity = config.alertRules().perCommunity();
        List<String> full = added.isEmpty() ? List.of() : rules.watchedByMoreThan(added, perCommunity);
        if (!full.isEmpty()) {
            var details = new ArrayList<String>();
            full.forEach(c -> details.add("$.communities[" + communities.indexOf(c) + "]: " + c + " is at its budget "
                    + "of " + perCommunity + " alert rules"));
            boolean one = full.size() == 1;
            throw new ApiException(409, ERROR, (one ? "community " : "communities ") + String.join(", ", full)
                    + (one ? " has reached its" : " have reached their") + " budget of " + perCommunity + " alert "
                    + "rules (those not deprecated); deprecate one that is no longer needed to make room (its owner "
                    + "or a superadmin may)", details);
        }
    }
}
