package org.moderation.bi.catalog.alert.service;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.moderation.bi.catalog.alert.persistence.AlertRuleChangeEntity;
import org.moderation.bi.catalog.alert.persistence.AlertRuleEntity;
import org.moderation.bi.catalog.alert.persistence.AlertRuleRepository;
import org.moderation.bi.catalog.alert.persistence.AlertRuleVersionEntity;
import org.moderation.bi.catalog.versioning.service.Actor;
import org.moderation.bi.catalog.versioning.service.Kind;
import org.moderation.bi.catalog.versioning.service.VersionedCatalog;
import org.moderation.bi.catalog.versioning.service.Views;
import org.moderation.bi.errors.CheckedBody;
import org.moderation.bi.shared.alerts.AlertRuleChangeView;
import org.moderation.bi.shared.alerts.AlertRuleDefinition;
import org.moderation.bi.shared.alerts.AlertRuleSummaryView;
import org.moderation.bi.shared.alerts.AlertRuleVersionView;
import org.moderation.bi.shared.api.ApiException;
import org.moderation.bi.shared.metrics.MetricVersionView;

/**
 * The catalog's alert rules, kept in versions with their audit trail as its metrics are ({@link VersionedCatalog}),
 * each step within the caller's {@link RuleScope}: a rule outside it is not there for them (404), a rule they would
 * make outside it is refused (403). Every version of a rule counts: a manager never sees, nor builds on, a rule whose
 * history watched a community that is not theirs. A manager changes only their own rules (403 for another's they see),
 * and every write stays within the rule budgets ({@link RuleBudgets}). A manager's new rule is kept under a key in their
 * own namespace ({@link RuleKeys}), so that no key they are refused tells of a rule they cannot see.
 */
@ApplicationScoped
public class AlertRuleCatalogService extends VersionedCatalog<AlertRuleDefinition, AlertRuleEntity,
        AlertRuleVersionEntity, AlertRuleChangeEntity, AlertRuleVersionView, AlertRuleSummaryView, AlertRuleChangeView> {

    private final AlertRuleRepository repository;
    private final AlertRuleRules rules;
    private final RuleBudgets budgets;

    AlertRuleCatalogService(AlertRuleRepository repository, AlertRuleRules rules, RuleBudgets budgets) {
        super(repository, new Kind<>("alert_rule", AlertRuleDefinition.class, AlertRuleDefinition::key,
                AlertRuleDefinition::name), rules, new Views<>(AlertRuleVersionView::new, AlertRuleSummaryView::new,
                AlertRuleSummaryView.VersionStatus::new, AlertRuleChangeView::new));
        this.repository = repository;
        this.rules = rules;
        this.budgets = budgets;
    }

    @Transactional
    public AlertRuleVersionView create(CheckedBody<AlertRuleDefinition> body, Actor actor, RuleScope scope) {
        scope.requireWritable(body.value());
        RuleKeys keys = RuleKeys.of(actor, scope);
        AlertRuleVersionView created = create(keys.named(body), actor, keys.checking(rules.seenBy(scope)));
        budgets.requireRoom(owner(actor, scope), created.definition().communities(), Set.of());
        return created;
    }

    @Transactional
    public AlertRuleVersionView updateDraft(String key, int number, CheckedBody<AlertRuleDefinition> body,
            long expectedRevision, Actor actor, RuleScope scope) {
        requireVisible(key, scope);
        requireOwner(key, actor, scope);
        scope.requireWritable(body.value());
        Set<String> counted = live(key).flatMap(v -> v.definition().communities().stream()).collect(Collectors.toSet());
        AlertRuleVersionView updated = updateDraft(key, number, body, expectedRevision, actor, rules.seenBy(scope));
        budgets.requireRoom(null, updated.definition().communities(), counted);
        return updated;
    }

    @Transactional
    public AlertRuleVersionView addVersion(String key, Actor actor, RuleScope scope) {
        requireVisible(key, scope);
        requireOwner(key, actor, scope);
        boolean retired = live(key).findAny().isEmpty();
        AlertRuleVersionView added = addVersion(key, actor);
        if (retired) {
            budgets.requireRoom(owner(actor, scope), added.definition().communities(), Set.of());
        }
        return added;
    }

    @Transactional
    public AlertRuleVersionView publish(String key, int number, Actor actor, RuleScope scope) {
        requireVisible(key, scope);
        requireOwner(key, actor, scope);
        return publish(key, number, actor, rules.seenBy(scope));
    }

    @Transactional
    public AlertRuleVersionView deprecate(String key, int number, Actor actor, RuleScope scope) {
        requireVisible(key, scope);
        requireOwner(key, actor, scope);
        return deprecate(key, number, actor);
    }

    /**
     * The rules the caller may see whose keys follow {@code after} (null: from the first), at most {@code limit}, in
     * the order of their keys, with every version: those who may write a rule see its drafts. Two queries, whoever
     * asks and however many rules there are.
     */
    @Transactional
    public List<AlertRuleSummaryView> list(RuleScope scope, String after, int limit) {
        return list(scope.everyCommunity() ? repository.keys(after, limit)
                : repository.keysWithin(scope.communities(), after, limit), true);
    }

    @Transactional
    public AlertRuleSummaryView summary(String key, RuleScope scope) {
        requireVisible(key, scope);
        return summary(key, true);
    }

    @Transactional
    public AlertRuleVersionView version(String key, int number, RuleScope scope) {
        requireVisible(key, scope);
        return version(key, number, true);
    }

    @Transactional
    public List<AlertRuleChangeView> changes(String key, RuleScope scope) {
        requireVisible(key, scope);
        return changes(key);
    }

    private void requireVisible(String key, RuleScope scope) {
        if (!scope.everyCommunity() && !repository.within(key, scope.communities())) {
            // Not there for this caller: the same answer as a key no rule has.
            throw ApiException.notFound("no alert_rule " + key);
        }
    }

    /** Its versions that count against the rule budgets: those not deprecated. */
    private Stream<AlertRuleVersionView> live(String key) {
        return versions(key).stream().filter(v -> !MetricVersionView.DEPRECATED.equals(v.status()));
    }

    /** Whose rules grow by one when this caller makes a rule count: a manager's own; a superadmin has no budget. */
    private static String owner(Actor actor, RuleScope scope) {
        return scope.everyCommunity() ? null : actor.subject();
    }

    /**
     * A manager whose communities take in another person's rule reads it, and may not change it: only its owner (who
     * created it) or a superadmin may. Asked after {@link #requireVisible}: to whoever may not see it, it is not there.
     */
    private void requireOwner(String key, Actor actor, RuleScope scope) {
        if (!scope.everyCommunity() && repository.entry(key).filter(rule -> !rule.createdBy.equals(actor.subject()))
                .isPresent()) {
            throw new ApiException(403, "not_owner", "only the owner of alert rule " + key + " (who created it) or a "
                    + "superadmin may change it");
        }
    }
}
