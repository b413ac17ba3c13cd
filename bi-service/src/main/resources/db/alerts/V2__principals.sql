-- Each person's scope as their token gave it when bi-service last saw them: a rule a community manager created is
-- evaluated only while their token still claims every community it watches (a claim removed in Keycloak takes effect
-- at their next request, and their rules stop reading the community they lost).
CREATE TABLE principals (
    subject      text PRIMARY KEY,
    superadmin   boolean NOT NULL,
    communities  text[]  NOT NULL,
    seen_at      timestamptz NOT NULL
);
