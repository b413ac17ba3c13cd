-- What the alert evaluator decided, kept where every replica reads it: each published rule's state as last evaluated
-- (one row per rule), and every change of state (the history the page shows: when a rule fired and when it resolved).
-- Written by the one replica that evaluates; the communities are kept with each row so that a caller's scope is
-- checked against the rule as it was evaluated, even after the rule is gone from the catalog.
CREATE TABLE alert_states (
    rule_key           text PRIMARY KEY,
    rule_version       integer NOT NULL,
    communities        text[] NOT NULL,
    severity           text NOT NULL,
    scope              text NOT NULL,
    state              text NOT NULL,
    value              double precision,
    compared           double precision,
    threshold          double precision,
    since              timestamptz NOT NULL,
    evaluated_at       timestamptz NOT NULL,
    read_model_version bigint,
    drill_down         text,
    message            text NOT NULL
);

CREATE TABLE alert_transitions (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    rule_key           text NOT NULL,
    rule_version       integer NOT NULL,
    communities        text[] NOT NULL,
    severity           text NOT NULL,
    scope              text NOT NULL,
    from_state         text,
    to_state           text NOT NULL,
    at                 timestamptz NOT NULL,
    value              double precision,
    threshold          double precision,
    read_model_version bigint,
    drill_down         text,
    message            text NOT NULL
);

CREATE INDEX alert_transitions_rule_at ON alert_transitions (rule_key, at DESC, id DESC);
CREATE INDEX alert_transitions_at ON alert_transitions (at);
