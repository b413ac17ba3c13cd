-- Alert rules: which published metric a rule watches, over which window and communities, and when it fires (JSON, the
-- canonical form of an AlertRuleDefinition), kept like metrics and dashboards: versions that are drafts, published or
-- deprecated, one draft at a time, and an audit trail of who did what. A published or deprecated version never changes.
-- The same tables as the metrics', by construction, with the names of what they hold.
CREATE TABLE alert_rules (LIKE metrics INCLUDING ALL);
ALTER TABLE alert_rules RENAME COLUMN metric_key TO rule_key;
ALTER INDEX alert_rules_metric_key_key RENAME TO alert_rules_rule_key_key;

CREATE TABLE alert_rule_versions (LIKE metric_versions INCLUDING ALL);
ALTER TABLE alert_rule_versions RENAME COLUMN metric_id TO rule_id;
ALTER TABLE alert_rule_versions ADD FOREIGN KEY (rule_id) REFERENCES alert_rules (id);
ALTER INDEX alert_rule_versions_metric_id_idx RENAME TO alert_rule_versions_one_draft;
ALTER INDEX alert_rule_versions_metric_id_version_key RENAME TO alert_rule_versions_rule_id_version_key;
ALTER TABLE alert_rule_versions RENAME CONSTRAINT metric_versions_status_check TO alert_rule_versions_status_check;
ALTER TABLE alert_rule_versions RENAME CONSTRAINT metric_versions_version_check TO alert_rule_versions_version_check;

CREATE TABLE alert_rule_changes (LIKE metric_changes INCLUDING ALL);
ALTER TABLE alert_rule_changes RENAME COLUMN metric_key TO rule_key;
ALTER INDEX alert_rule_changes_metric_key_at_idx RENAME TO alert_rule_changes_key_idx;
ALTER TABLE alert_rule_changes RENAME CONSTRAINT metric_changes_action_check TO alert_rule_changes_action_check;

CREATE TRIGGER alert_rule_versions_immutable BEFORE UPDATE OR DELETE ON alert_rule_versions
    FOR EACH ROW EXECUTE FUNCTION catalog_versions_immutable();
