-- Since when each rule's condition has held (pending or firing; NULL while it does not), so that a replica taking
-- over as the evaluator goes on with a `for` duration's clock instead of starting it again (a firing alert would
-- otherwise turn pending, and resolve in Alertmanager, at every change of evaluator).
ALTER TABLE alert_states ADD COLUMN held_since timestamptz;
