-- What the Prometheus series of a rule need beside its state, so that a replica that starts (or takes over) serves
-- them from its first scrape, before it can read the catalog: whether the rule counts as firing (also while stale
-- after firing) and the summary its alert is annotated with.
ALTER TABLE alert_states ADD COLUMN firing boolean NOT NULL DEFAULT false, ADD COLUMN summary text;
UPDATE alert_states SET firing = (state = 'firing');
