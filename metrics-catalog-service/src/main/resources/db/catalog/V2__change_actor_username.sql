-- The audit names people by their user name (the token's preferred_username) beside the stable subject id.
-- Nullable: changes recorded before this column, the built-ins, and tokens without the claim have none.
ALTER TABLE metric_changes ADD COLUMN actor_username text;
