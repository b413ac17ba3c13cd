-- A community manager sees a rule when every version of it watches communities, all of them in their claim. Kept on
-- the rule as the communities of all its versions together (null when one of them watches every community, which no
-- manager sees, or none is written yet), "all within my claim" is `communities <@ claim`: a GIN index answers it for
-- a whole list in one query, where reading every rule's versions took seconds for 2,000 rules.
ALTER TABLE alert_rules ADD COLUMN communities text[];
CREATE INDEX alert_rules_communities_idx ON alert_rules USING gin (communities);

-- Kept by the database at every version written or changed, whoever writes it: it can never disagree with them.
CREATE FUNCTION alert_rule_communities(of_rule bigint) RETURNS text[] LANGUAGE sql STABLE
    SET search_path FROM CURRENT AS $$
    SELECT CASE WHEN coalesce(bool_or(jsonb_array_length(coalesce(v.definition -> 'communities', '[]')) = 0), true)
                THEN NULL
                ELSE array(SELECT DISTINCT c FROM alert_rule_versions w,
                                  jsonb_array_elements_text(w.definition -> 'communities') c
                           WHERE w.rule_id = of_rule ORDER BY c) END
    FROM alert_rule_versions v WHERE v.rule_id = of_rule
$$;

CREATE FUNCTION alert_rule_versions_communities() RETURNS trigger LANGUAGE plpgsql
    SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE alert_rules SET communities = alert_rule_communities(NEW.rule_id) WHERE id = NEW.rule_id;
    RETURN NULL;
END
$$;

CREATE TRIGGER alert_rule_versions_communities AFTER INSERT OR UPDATE OF definition ON alert_rule_versions
    FOR EACH ROW EXECUTE FUNCTION alert_rule_versions_communities();

UPDATE alert_rules SET communities = alert_rule_communities(id);
