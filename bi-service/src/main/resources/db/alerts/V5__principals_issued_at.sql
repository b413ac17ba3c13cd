-- When the token that gave a person's scope was issued: an older token, still valid, used after a claim was cut,
-- must not give the claim back.
ALTER TABLE principals ADD COLUMN issued_at timestamptz;
