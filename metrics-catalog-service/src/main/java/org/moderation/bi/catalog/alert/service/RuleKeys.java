package org.moderation.bi.catalog.alert.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import org.moderation.bi.catalog.versioning.service.Actor;
import org.moderation.bi.catalog.versioning.service.DefinitionRules;
import org.moderation.bi.errors.CheckedBody;
import org.moderation.bi.shared.alerts.AlertRuleDefinition;
import org.moderation.bi.shared.metrics.Problem;

/**
 * Where a new rule's key lives. Keys are one namespace, and a manager sees only the rules within their communities: had
 * they chosen keys in it freely, a 409 on a key they cannot see would tell them another person's rule holds it. So a
 * community manager's key is kept in a namespace of their own, {@code m_<10 hex of their subject's SHA-256>_<key>}: two
 * managers never contend for a key, and a manager's create is refused as existing only for a rule of their own. A
 * superadmin's keys are kept as written, but never in that form.
 *
 * @param prefix a manager's namespace; null for a superadmin
 */
record RuleKeys(String prefix) {

    private static final Pattern MANAGERS = Pattern.compile("m_[0-9a-f]{10}_.*");
    private static final int MANAGER_KEY_LENGTH = 50;
    private static final Pattern MANAGER_KEY = Pattern.compile("[a-z][a-z0-9_]{0," + (MANAGER_KEY_LENGTH - 1) + "}");

    static RuleKeys of(Actor actor, RuleScope scope) {
        return new RuleKeys(scope.everyCommunity() ? null : "m_" + hashed(actor.subject()) + "_");
    }

    /** The body with the key it is kept under: a manager's in their namespace (as written when it is there already). */
    CheckedBody<AlertRuleDefinition> named(CheckedBody<AlertRuleDefinition> body) {
        AlertRuleDefinition rule = body.value();
        if (prefix == null || rule == null || rule.key() == null || rule.key().startsWith(prefix)) {
            return body;
        }
        return new CheckedBody<>(new AlertRuleDefinition(prefix + rule.key(), rule.name(), rule.summary(),
                rule.metric(), rule.window(), rule.communities(), rule.condition(), rule.minimumCount(),
                rule.forDuration(), rule.severity(), rule.evaluateImmature(), rule.filters()), body.problems());
    }

    /**
     * {@code rules}, with the key of a definition {@link #named} judged as its writer wrote it: a manager's, without
     * their namespace, is at most {@value #MANAGER_KEY_LENGTH} characters; a superadmin's is not in a manager's form.
     */
    DefinitionRules<AlertRuleDefinition> checking(DefinitionRules<AlertRuleDefinition> rules) {
        return new DefinitionRules<>() {
            @Override
            public List<Problem> problems(AlertRuleDefinition definition, boolean publishing) {
                var problems = new ArrayList<>(rules.problems(definition, publishing));
                if (definition == null || definition.key() == null) {
                    return problems;
                }
                if (prefix == null) {
                    if (MANAGERS.matcher(definition.key()).matches()) {
                        problems.addFirst(new Problem("$.key", "m_ followed by 10 hexadecimal digits and _ begins a "
                                + "community manager's own keys; choose another"));
                    }
                    return problems;
                }
                problems.removeIf(problem -> problem.path().equals("$.key"));
                if (!MANAGER_KEY.matcher(definition.key().substring(prefix.length())).matches()) {
                    problems.addFirst(new Problem("$.key", "must be 1 to " + MANAGER_KEY_LENGTH + " characters of "
                            + "a-z, 0-9 and _, starting with a letter: a community manager's key is kept in their own "
                            + "namespace, as " + prefix + "<key>"));
                }
                return problems;
            }

            @Override
            public List<Problem> warnings(AlertRuleDefinition definition) {
                return rules.warnings(definition);
            }
        };
    }

    private static String hashed(String subject) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
