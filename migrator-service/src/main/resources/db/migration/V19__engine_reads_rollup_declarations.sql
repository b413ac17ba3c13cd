-- The metric engine routes to the pre-aggregations read_model_rollups declares, read from here by every reader of the
-- read model (bi-service, the catalog's previews): the one list of them, no copy in the engine.
GRANT SELECT ON read_model_rollups TO bi_reader;
