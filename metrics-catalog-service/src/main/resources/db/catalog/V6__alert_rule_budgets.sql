-- Rule budgets count the rules that are not deprecated, per person who created them and per community a version
-- watches: each count is an index scan, taken at every rule written.
CREATE INDEX alert_rules_created_by_idx ON alert_rules (created_by);
CREATE INDEX alert_rule_versions_live_communities_idx ON alert_rule_versions
    USING gin ((definition -> 'communities') jsonb_path_ops) WHERE status <> 'deprecated';
